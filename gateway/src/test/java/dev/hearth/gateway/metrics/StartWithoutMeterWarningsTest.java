package dev.hearth.gateway.metrics;

import ch.qos.logback.classic.Level;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start logs no WARN from the meter registry (issue 14, item 18: "WARN MeterRegistry … already registered
 * (netty.eventexecutor.workers)" at every start), nor when the HTTP server takes its first connections. Micrometer warns only once per JVM and then logs at DEBUG,
 * so the DEBUG lines are read too: the test fails whichever gateway of the test run starts first.
 */
class StartWithoutMeterWarningsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path dir;

    @Test
    void startingAGatewayAndServingItsFirstRequestsRegistersNoMeterTwice() throws Exception {
        int port = FreePort.loopback();
        try (LogLines log = LogLines.of("io.micrometer.core.instrument.MeterRegistry", Level.DEBUG);
             TestHome home = TestHome.start(dir, TestHome.embeddedBroker(port), "tcp://127.0.0.1:" + port).awaitConnected()) {
            // The HTTP server's meters are registered when its first connection comes.
            for (int i = 0; i < 2; i++) {
                assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + home.gateway().httpPort() + "/health"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            }
            home.gateway().meters().scrape();
            assertThat(log.lines()).noneMatch(line -> line.contains("already registered"));
        }
    }
}
