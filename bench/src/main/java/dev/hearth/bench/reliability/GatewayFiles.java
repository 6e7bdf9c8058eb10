package dev.hearth.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The gateway of the reliability runs: its configuration files, and the gateway started as its own process. */
final class GatewayFiles {
    /** The gateway's own default for {@code gateway.max_payload_bytes}. */
    static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    private GatewayFiles() {
    }

    /**
     * A motion sensor on {@code z/m}, a light on {@code z/l}, and an automation that sends the light each motion
     * payload (which carries the event's number) as its command, every event in order ({@code mode: queued}).
     */
    static Path write(Path work, String brokerUrl, int httpPort) throws IOException {
        Path config = devices(work, brokerUrl, httpPort, DEFAULT_MAX_PAYLOAD_BYTES);
        Files.writeString(config.resolve("automations/ledger.yaml"), """
                automations:
                  - id: ledger
                    mode: queued
                    triggers:
                      - trigger: mqtt
                        topic: z/m
                    actions:
                      - publish: { topic: z/l/set, payload: "${trigger.payload}", qos: 1 }
                """);
        return config;
    }

    /** The motion sensor and the light without automations; payloads over {@code maxPayloadBytes} are refused. */
    static Path devices(Path work, String brokerUrl, int httpPort, int maxPayloadBytes) throws IOException {
        Path config = Files.createDirectories(work.resolve("config"));
        Files.createDirectories(config.resolve("automations"));
        Files.writeString(config.resolve("gateway.yaml"), """
                gateway:
                  id: ledger
                  data_dir: data
                  automations_dir: automations
                  max_payload_bytes: %d
                http:
                  port: %d
                mqtt:
                  url: %s
                  keep_alive: 30s
                  session_expiry: 1h
                  connect_timeout: 2s
                automation:
                  max_runs_per_second: 10000
                """.formatted(maxPayloadBytes, httpPort, brokerUrl));
        Files.writeString(config.resolve("devices.yaml"), """
                devices:
                  - { id: motion, kind: motion_sensor, state_topic: z/m }
                  - { id: light, kind: light, state_topic: z/l }
                """);
        return config;
    }

    /** {@code java -cp <hearth.classpath> dev.hearth.gateway.Main run -c config}, its output to {@code log}. */
    static Process start(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process gateway = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("hearth.classpath"),
                "dev.hearth.gateway.Main", "run", "-c", config.toString()))
                .directory(config.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // a harness that fails or is stopped leaves no gateway behind
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::destroyForcibly, "gateway-reaper"));
        return gateway;
    }
}
