package dev.hearth.gateway.metrics;

import ch.qos.logback.classic.Level;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start logs no WARN from the meter registry (issue 14, item 18: "WARN MeterRegistry … already registered
 * (netty.eventexecutor.workers)" at every start). Micrometer warns only once per JVM and then logs at DEBUG,
 * so the DEBUG lines are read too: the test fails whichever gateway of the test run starts first.
 */
class StartWithoutMeterWarningsTest {
    @TempDir
    Path dir;

    @Test
    void startingAGatewayRegistersNoMeterTwice() {
        int port = FreePort.loopback();
        try (LogLines log = LogLines.of("io.micrometer.core.instrument.MeterRegistry", Level.DEBUG);
             TestHome home = TestHome.start(dir, TestHome.embeddedBroker(port), "tcp://127.0.0.1:" + port).awaitConnected()) {
            home.gateway().meters().scrape();
            assertThat(log.lines()).noneMatch(line -> line.contains("already registered"));
        }
    }
}
