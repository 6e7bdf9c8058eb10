package dev.hearth.gateway.logging;

import dev.hearth.gateway.support.GatewayProcess;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.device.MotionSensor;
import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway as its own JVM with its output a pipe that nobody reads for a while (a stalled journald, a paused
 * {@code hearth run | less}), while a device makes it log 200 lines a second. The home must go on (motion still
 * switches the light, {@code /health} stays ready), the lines that did not fit are counted, and once the pipe is read
 * again one WARN line says how many were dropped. Before the console went through a queue, the first line that did not
 * fit blocked the event loop: no light, and {@code /health} failed after the watchdog's two seconds.
 */
class BlockedLogOutputProcessTest {
    /**
     * Linux's default pipe capacity is 16 pages of 4 KiB; a write that does not fit in the last page's rest takes a new
     * page, so with lines under 512 bytes a pipe whose next write blocks holds at least this much.
     */
    private static final int PIPE_FULL = 65_536 - 16 * 512;
    private static final Pattern DROPPED = Pattern.compile("WARN .*?(\\d+) log lines dropped");
    private static final String NOISY_AUTOMATION = """
              - id: temperature_log
                triggers:
                  - trigger: state
                    device: living_temperature
                    attribute: temperature
                actions:
                  - log: "living temperature is now ${trigger.to}: a line long enough to fill a pipe of 64 KiB within a few hundred events"
            """;

    @TempDir
    Path dir;

    @Test
    void whileNobodyReadsTheLogTheHomeRunsOnAndTheDroppedLinesAreCountedOnceItIsReadAgain() throws Exception {
        int httpPort = FreePort.loopback();
        try (MosquittoBroker broker = MosquittoBroker.start();
             SimClient noise = new SimClient(broker.url(), "log-noise")) {
            Process gateway = new ProcessBuilder(GatewayProcess.command(config(broker.url(), httpPort))).redirectErrorStream(true).start();
            ScheduledExecutorService noisy = Executors.newSingleThreadScheduledExecutor();
            Light light = new Light(new SimClient(broker.url(), "log-light"), DeviceTopics.zigbee2mqtt("zigbee2mqtt/hallway_light"));
            MotionSensor motion = new MotionSensor(new SimClient(broker.url(), "log-motion"), DeviceTopics.zigbee2mqtt("zigbee2mqtt/hallway_motion"))
                    .holdTime(Duration.ofHours(1));
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> GatewayProcess.health(httpPort) == 200);
                light.start();
                motion.start();
                noise.start();
                assertThat(noise.awaitConnected(Duration.ofSeconds(10))).isTrue();
                awaitLightFollowsMotion(motion, light);

                // Given a device that makes the gateway log ~200 lines a second and an output pipe nobody reads
                InputStream output = fillPipe(gateway, noise, noisy);

                // When the log stays blocked for 5 s while the device goes on (~1,000 lines more than the queue holds)
                // Then the gateway stays ready all along, and motion still switches the light both ways
                assertThat(healthFor(httpPort, Duration.ofSeconds(5))).allMatch(answer -> answer.startsWith("200 "));
                assertThat(output.available()).as("the pipe is still full: nobody read it").isGreaterThanOrEqualTo(PIPE_FULL);
                assertThat(droppedSoFar(httpPort)).as("hearth_log_dropped_total while blocked").isPositive();
                motion.clear();
                await().atMost(Duration.ofSeconds(5)).until(() -> "OFF".equals(light.state()));
                motion.detect();
                await().atMost(Duration.ofSeconds(5)).until(() -> "ON".equals(light.state()));
                assertThat(GatewayProcess.health(httpPort)).isEqualTo(200);

                // And once the pipe is read again, one WARN line says how many lines did not fit
                noisy.shutdownNow();
                StringBuffer read = new StringBuffer();
                Thread reader = drain(output, read);
                await().atMost(Duration.ofSeconds(30)).until(() -> DROPPED.matcher(read).find());
                Matcher dropped = DROPPED.matcher(read);
                assertThat(dropped.find()).isTrue();
                assertThat(Long.parseLong(dropped.group(1))).isPositive();

                // And the lines logged on the way out are written before the process ends (SIGTERM; Process.destroy would
                // also close our end of the pipe)
                gateway.toHandle().destroy();
                assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
                reader.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(read.toString()).contains("Hearth gateway stopped");
            } finally {
                noisy.shutdownNow();
                motion.shutdown();
                light.shutdown();
                gateway.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aGatewayToldToStopWhileNobodyReadsItsLogEndsWithinSeconds() throws Exception {
        int httpPort = FreePort.loopback();
        try (MosquittoBroker broker = MosquittoBroker.start();
             SimClient noise = new SimClient(broker.url(), "log-noise")) {
            Process gateway = new ProcessBuilder(GatewayProcess.command(config(broker.url(), httpPort))).redirectErrorStream(true).start();
            ScheduledExecutorService noisy = Executors.newSingleThreadScheduledExecutor();
            try {
                // Given a gateway whose output pipe is full and stays so
                await().atMost(Duration.ofSeconds(60)).until(() -> GatewayProcess.health(httpPort) == 200);
                noise.start();
                assertThat(noise.awaitConnected(Duration.ofSeconds(10))).isTrue();
                fillPipe(gateway, noise, noisy);

                // When it is told to stop (SIGTERM), its output still blocked
                gateway.toHandle().destroy();

                // Then it ends by itself within seconds (the queue waits 1 s for the output), not when systemd's stop
                // timeout kills it: writing "Hearth gateway stopped" no longer blocks the shutdown
                assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).as("ended by itself").isTrue();
                assertThat(gateway.exitValue()).isEqualTo(128 + 15);
            } finally {
                noisy.shutdownNow();
                gateway.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code hearth_log_dropped_total} from {@code /metrics} (signed in with the gateway's access token). */
    private double droppedSoFar(int port) throws IOException, InterruptedException {
        String token = Files.readString(dir.resolve("config/data/web-token")).strip();
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher counter = Pattern.compile("(?m)^hearth_log_dropped_total\\{[^}]*} (\\S+)$").matcher(metrics);
        assertThat(counter.find()).as(metrics).isTrue();
        return Double.parseDouble(counter.group(1));
    }

    /** Publishes a new temperature every 5 ms (a log line each) until the gateway's output pipe is full; returns the pipe. */
    private static InputStream fillPipe(Process gateway, SimClient noise, ScheduledExecutorService noisy) {
        AtomicInteger reading = new AtomicInteger();
        noisy.scheduleAtFixedRate(() -> noise.publish("zigbee2mqtt/living_temperature",
                "{\"temperature\":" + (reading.incrementAndGet() % 4000) / 100.0 + "}", 0, false), 0, 5, TimeUnit.MILLISECONDS);
        InputStream output = gateway.getInputStream();
        await().atMost(Duration.ofSeconds(60)).until(() -> output.available() >= PIPE_FULL);
        return output;
    }

    /** {@code /health}'s answers ("status in ms") every 250 ms for {@code lasting}. */
    private static List<String> healthFor(int port, Duration lasting) {
        List<String> answers = new ArrayList<>();
        long end = System.nanoTime() + lasting.toNanos();
        await().atMost(lasting.multipliedBy(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            long start = System.nanoTime();
            int status = GatewayProcess.health(port);
            answers.add(status + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
            return System.nanoTime() >= end;
        });
        return answers;
    }

    /** Warm-up: the gateway has seen both devices, so each change of the sensor is a real transition. */
    private static void awaitLightFollowsMotion(MotionSensor motion, Light light) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (motion.occupancy() && "ON".equals(light.state())) return true;
            if (motion.occupancy()) motion.clear();
            else motion.detect();
            return false;
        });
    }

    private static Thread drain(InputStream output, StringBuffer into) {
        Thread reader = new Thread(() -> {
            try {
                copy(output, into);
            } catch (IOException e) {
                into.append(e);
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void copy(InputStream output, StringBuffer into) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n; (n = output.read(buffer)) >= 0; ) into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }

    private Path config(String brokerUrl, int httpPort) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(config.resolve("automations"));
        // a watchdog of seconds: a loop blocked on the log would fail /health within the test's 5 s
        Files.writeString(config.resolve("gateway.yaml"), TestHome.externalBroker(brokerUrl, "30s")
                .replace("http:\n  port: 0\n", "http:\n  port: " + httpPort + "\nautomation:\n  max_runs_per_second: 2000\n"
                        + "watchdog:\n  stall_after: 2s\n  exit_after: 60s\n"));
        Files.writeString(config.resolve("devices.yaml"), TestHome.DEVICES);
        Files.writeString(config.resolve("automations/home.yaml"), TestHome.HALLWAY_AUTOMATIONS + NOISY_AUTOMATION);
        return config;
    }
}
