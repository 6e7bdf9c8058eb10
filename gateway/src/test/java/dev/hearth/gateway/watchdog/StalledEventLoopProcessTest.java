package dev.hearth.gateway.watchdog;

import dev.hearth.gateway.support.GatewayProcess;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.net.FreePort;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 item 12, in a real process: a gateway whose event loop is stuck reports it on {@code /health} and then ends
 * with {@link Watchdog#EXIT_STUCK}, so that systemd's {@code Restart=on-failure} restarts it. The loop is stuck the way
 * it got stuck in the field: the log goes to a pipe nobody reads any more (a hung journald, a paused {@code | less}),
 * and an automation logs on every motion event, so the loop blocks writing a line once the pipe is full. The gateway's
 * own console no longer blocks (logging.LogQueue); a user's logback file with a plain console still does, and that is
 * what this gateway runs with. The watchdog must not block on that same log on its way to the exit.
 */
class StalledEventLoopProcessTest {
    private static final String LOGGING_AUTOMATION = """
            automations:
              - id: hallway_log
                triggers:
                  - trigger: state
                    device: hallway_motion
                    attribute: occupancy
                actions:
                  - log: "hallway motion is now ${trigger.to}: a line long enough to fill a pipe of 64 KiB within a few hundred events"
            """;

    @TempDir
    Path dir;

    @Test
    void aGatewayWhoseEventLoopIsStuckFailsItsHealthCheckAndExitsNonZero() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            // Given a gateway whose output goes to a pipe that is read no more once it has started
            int httpPort = FreePort.loopback();
            Process gateway = new ProcessBuilder(GatewayProcess.command(config(broker.url(), httpPort),
                    "-Dlogback.configurationFile=" + blockingConsole())).redirectErrorStream(true).start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> health(httpPort) == 200);

                // When motion keeps coming: the automation's log lines fill the pipe and the event loop blocks writing one
                MqttClient sensor = new MqttClient(broker.url(), "stall-sensor", new MemoryPersistence());
                try {
                    sensor.connect();
                    int[] events = {0};
                    // one at a time: a burst is applied once (latest state wins), and logs one line
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
                        sensor.publish("zigbee2mqtt/hallway_motion", ("{\"occupancy\":" + (events[0] % 2 == 0) + "}")
                                .getBytes(StandardCharsets.UTF_8), 0, false);
                        return ++events[0] % 50 == 0 && health(httpPort) != 200;
                    });
                    sensor.disconnect();
                } finally {
                    sensor.close();
                }

                // Then /health no longer says all is well, and the process ends by itself with the watchdog's status
                assertThat(health(httpPort)).isNotEqualTo(200);
                assertThat(gateway.waitFor(150, TimeUnit.SECONDS)).as("exited by itself").isTrue();
                assertThat(gateway.exitValue()).as(output(gateway)).isEqualTo(Watchdog.EXIT_STUCK);
            } finally {
                gateway.destroyForcibly().waitFor();
            }
        }
    }

    /** A user's logback file whose console writes on the caller's thread (logback's plain ConsoleAppender). */
    private Path blockingConsole() throws IOException {
        return Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
    }

    private Path config(String brokerUrl, int httpPort) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(config.resolve("automations"));
        // more runs a second than the runaway protection's default: the pipe fills in seconds; a watchdog of seconds, not a minute
        Files.writeString(config.resolve("gateway.yaml"), TestHome.externalBroker(brokerUrl, "30s")
                .replace("http:\n  port: 0\n", "http:\n  port: " + httpPort + "\nautomation:\n  max_runs_per_second: 1000\n"
                        + "watchdog:\n  stall_after: 2s\n  exit_after: 5s\n"));
        Files.writeString(config.resolve("devices.yaml"), TestHome.DEVICES);
        Files.writeString(config.resolve("automations/log.yaml"), LOGGING_AUTOMATION);
        return config;
    }

    private static int health(int port) throws InterruptedException {
        return GatewayProcess.health(port);
    }

    /** What the process wrote that the pipe still holds (for the failure message; it has ended by then). */
    private static String output(Process gateway) throws IOException {
        InputStream out = gateway.getInputStream();
        return new String(out.readNBytes(out.available()), StandardCharsets.UTF_8);
    }
}
