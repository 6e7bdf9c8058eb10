package dev.hearth.bench.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One simulated home of the fleet: its gateway's files and the gateway as its own small JVM. */
record FleetHome(int index, Path config) {

    String id() {
        return "home" + index;
    }

    String sensorTopic() {
        return "h" + index + "/sensor";
    }

    String lightTopic() {
        return "h" + index + "/light";
    }

    static FleetHome write(Path work, int index, String localUrl, String upstreamUrl, int uplinkRate) throws IOException {
        Path config = Files.createDirectories(work.resolve("home" + index));
        Files.createDirectories(config.resolve("automations"));
        FleetHome home = new FleetHome(index, config);
        Files.writeString(config.resolve("gateway.yaml"), """
                gateway:
                  id: %s
                  data_dir: data
                  automations_dir: automations
                http:
                  port: 0
                mqtt:
                  url: %s
                  client_id: hearth-%s
                  connect_timeout: 5s
                uplink:
                  url: %s
                  fleet_prefix: fleet
                  connect_timeout: 5s
                  health_interval: 10s
                  rate: %d
                  burst: 20
                  forward:
                    - { from: %s, to: "fleet/%s/telemetry/sensor" }
                  remote_control:
                    devices: [light]
                """.formatted(home.id(), localUrl, home.id(), upstreamUrl, uplinkRate, home.sensorTopic(), home.id()));
        Files.writeString(config.resolve("devices.yaml"), """
                devices:
                  - { id: sensor, kind: temperature_sensor, state_topic: %s }
                  - { id: light, kind: light, state_topic: %s }
                """.formatted(home.sensorTopic(), home.lightTopic()));
        return home;
    }

    /** A small JVM (the fleet's gateways share two cores): 64 MiB heap, C1 only, serial GC. */
    Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("hearth.classpath"),
                "dev.hearth.gateway.Main", "run", "-c", config.toString()))
                .directory(config.toFile()).redirectErrorStream(true).redirectOutput(config.resolve("gateway.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, id() + "-reaper"));
        return p;
    }
}
