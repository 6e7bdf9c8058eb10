package dev.hearth.gateway.outbox;

import dev.hearth.gateway.Main;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway as its own JVM: commands caused by sensor messages are queued while the broker does not
 * acknowledge anything, the process is killed with kill -9, started again, and every command arrives.
 */
class KillDuringOutageTest {
    private static final int PAIRS = 20;

    @TempDir
    Path dir;

    @Test
    void commandsQueuedBeforeAKillDashNineAreDeliveredAfterTheRestart() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port());
             SimClient sensors = new SimClient(broker.url(), "kill-test-sensors");
             SimClient observer = new SimClient(broker.url(), "kill-test-observer")) {
            Path config = writeConfig(proxy.url());
            Map<String, String> received = new ConcurrentHashMap<>();
            observer.subscribe("z/+/set", (t, p) -> received.put(t, new String(p, StandardCharsets.UTF_8)));
            observer.start();
            sensors.start();
            assertThat(observer.awaitConnected(Duration.ofSeconds(10)) && sensors.awaitConnected(Duration.ofSeconds(10))).isTrue();

            Path firstLog = dir.resolve("first.log");
            Process first = gateway(config, firstLog);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> read(firstLog).contains("Connected to"));
                // Retained: the gateway may still be subscribing.
                for (int i = 0; i < PAIRS; i++) sensors.publish("z/m_" + i, "{\"occupancy\":false}", 1, true);
                await().atMost(Duration.ofSeconds(20)).until(() -> read(firstLog).contains("m_" + (PAIRS - 1) + ".occupancy: unknown -> false")
                        && read(firstLog).contains("Automations armed"));

                proxy.blackhole(true);
                for (int i = 0; i < PAIRS; i++) sensors.publish("z/m_" + i, "{\"occupancy\":true}");
                await().atMost(Duration.ofSeconds(20)).until(() -> countRuns(read(firstLog)) == PAIRS);
                // The runs are logged when the commands are handed to the outbox; give the group commit its moment.
                await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> true);
                assertThat(received).isEmpty();
            } finally {
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }

            proxy.blackhole(false);
            proxy.sever();
            Path secondLog = dir.resolve("second.log");
            Process second = gateway(config, secondLog);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == PAIRS);
                for (int i = 0; i < PAIRS; i++) assertThat(received).containsEntry("z/l_" + i + "/set", "{\"brightness\":" + (i + 1) + "}");
                assertThat(read(secondLog)).contains("messages from before the restart wait for the broker");
            } finally {
                second.destroy();
                second.waitFor(15, TimeUnit.SECONDS);
                second.destroyForcibly();
            }
        }
    }

    private static long countRuns(String log) {
        return log.lines().filter(l -> l.contains("Automation on_") && l.contains(" ran ")).count();
    }

    private Path writeConfig(String url) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(config.resolve("automations"));
        Files.writeString(config.resolve("gateway.yaml"), """
                gateway:
                  id: killtest
                  data_dir: data
                mqtt:
                  url: %s
                  keep_alive: 60s
                  connect_timeout: 2s
                  reconnect: { min: 50ms, max: 500ms }
                http:
                  port: %d
                """.formatted(url, dev.hearth.sim.net.FreePort.loopback()));
        StringBuilder devices = new StringBuilder("devices:\n");
        StringBuilder automations = new StringBuilder("automations:\n");
        for (int i = 0; i < PAIRS; i++) {
            devices.append("  - { id: m_").append(i).append(", kind: motion_sensor, state_topic: z/m_").append(i).append(" }\n");
            devices.append("  - { id: l_").append(i).append(", kind: light, state_topic: z/l_").append(i).append(" }\n");
            automations.append("""
                      - id: on_%1$d
                        triggers: [ { trigger: state, device: m_%1$d, attribute: occupancy, to: true } ]
                        actions: [ { command: { device: l_%1$d, set: { brightness: %2$d } } } ]
                    """.formatted(i, i + 1));
        }
        Files.writeString(config.resolve("devices.yaml"), devices);
        Files.writeString(config.resolve("automations/kill.yaml"), automations);
        return config;
    }

    /** The test follows the gateway through its log: state changes and runs are logged at DEBUG, so turn them on. */
    private Process gateway(Path config, Path log) throws IOException {
        Path logback = dir.resolve("logback-states.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n</pattern></encoder>
                  </appender>
                  <logger name="hearth.state" level="DEBUG"/>
                  <logger name="hearth.automation" level="DEBUG"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
