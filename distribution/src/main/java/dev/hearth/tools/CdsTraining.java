package dev.hearth.tools;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.MessageCallback;
import dev.hearth.sim.net.FreePort;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The class-recording run of {@code mvn package} (distribution/pom.xml): starts the gateway through its
 * launcher, which records every class the gateway loads into {@code hearth.jsa} (AppCDS) and writes
 * the archive when the gateway stops. Where Mosquitto is installed, the run takes the path of a real
 * start up to the first actuation: connect, subscribe, the example hallway's motion sensor reports, the
 * light command goes out, {@code /health} answers; the classes of that path then come from the archive
 * at every start too. Without Mosquitto the gateway only keeps retrying a broker that is not there.
 * Used only by the build; any failure leaves a smaller archive or none, never a failed build.
 *
 * <p>Arguments: the launcher ({@code target/hearth/bin/hearth}) and the training directory, which holds the
 * example {@code devices.yaml} and {@code automations/}; this writes its {@code gateway.yaml}.
 */
public final class CdsTraining {
    private static final String LUX = "zigbee2mqtt/hallway_lux";
    private static final String MOTION = "zigbee2mqtt/hallway_motion";
    private static final String LIGHT_COMMAND = "zigbee2mqtt/hallway_light/set";
    private static final Duration NO_BROKER_RUN = Duration.ofSeconds(10);
    private static final Duration ACTUATION_TIMEOUT = Duration.ofSeconds(40);

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of(args[0]).toAbsolutePath();
        Path dir = Path.of(args[1]).toAbsolutePath();
        Optional<MosquittoBroker> broker = startBroker();
        try {
            int httpPort = FreePort.loopback();
            writeConfig(dir, broker.map(MosquittoBroker::url).orElse("tcp://127.0.0.1:1"), httpPort);
            Process gateway = new ProcessBuilder("sh", launcher.toString(), "run", "-c", dir.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
            // Stopped by the build's timeout: the gateway must not outlive this run.
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::destroy));
            try {
                if (broker.isPresent()) actuate(broker.get(), httpPort);
                else Thread.sleep(NO_BROKER_RUN.toMillis());
            } finally {
                stop(gateway);
            }
        } finally {
            broker.ifPresent(MosquittoBroker::close);
        }
    }

    private static Optional<MosquittoBroker> startBroker() {
        try {
            return Optional.of(MosquittoBroker.start());
        } catch (RuntimeException e) {
            System.out.println("CDS training without a broker (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static void writeConfig(Path dir, String brokerUrl, int httpPort) throws IOException {
        Files.writeString(dir.resolve("gateway.yaml"), """
                # Written by the class-recording run of `mvn package` (dev.hearth.tools.CdsTraining).
                gateway:
                  id: cds-training
                  data_dir: data
                  automations_dir: automations
                mqtt:
                  url: %s
                  session_expiry: 10s
                commands:
                  confirm: false
                http:
                  port: %d
                """.formatted(brokerUrl, httpPort), StandardCharsets.UTF_8);
    }

    /** A dark hallway, then motion until the light command arrives; then the health check. */
    private static void actuate(MosquittoBroker broker, int httpPort) throws MqttException, InterruptedException {
        CountDownLatch commanded = new CountDownLatch(1);
        MqttClient client = new MqttClient(broker.url(), "cds-training-devices", new MemoryPersistence());
        client.setCallback(new MessageCallback((topic, message) -> commanded.countDown()));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        try {
            client.subscribe(LIGHT_COMMAND, 1);
            long deadline = System.nanoTime() + ACTUATION_TIMEOUT.toNanos();
            boolean occupied = false;
            while (!commanded.await(50, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                occupied = !occupied;
                client.publish(LUX, "{\"illuminance\":12}".getBytes(StandardCharsets.UTF_8), 1, false);
                client.publish(MOTION, ("{\"occupancy\":" + occupied + ",\"battery\":97}").getBytes(StandardCharsets.UTF_8), 1, false);
            }
            System.out.println(commanded.getCount() == 0 ? "CDS training: the light command arrived" : "CDS training: no light command");
            awaitHealthy(httpPort, deadline);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private static void awaitHealthy(int httpPort, long deadline) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
    }

    /** SIGTERM: the JVM writes the archive as it exits (a few seconds); a gateway that hangs is killed. */
    private static void stop(Process gateway) throws InterruptedException {
        gateway.destroy();
        if (!gateway.waitFor(60, TimeUnit.SECONDS)) gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
