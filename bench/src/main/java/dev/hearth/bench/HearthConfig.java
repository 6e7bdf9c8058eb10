package dev.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a Hearth configuration directory (gateway.yaml, devices.yaml, automations/) for a workload. */
final class HearthConfig {
    private HearthConfig() {
    }

    /** External broker at {@code brokerUrl}, or the embedded one on {@code embeddedPort} when that is positive. */
    static Path write(Path dir, Workload w, String brokerUrl, int embeddedPort, int httpPort) throws IOException {
        Files.createDirectories(dir.resolve("automations"));
        Files.writeString(dir.resolve("gateway.yaml"), gateway(brokerUrl, embeddedPort, httpPort));
        Files.writeString(dir.resolve("devices.yaml"), devices(w));
        Files.writeString(dir.resolve("automations").resolve("bench.yaml"), automations(w));
        return dir;
    }

    private static String gateway(String brokerUrl, int embeddedPort, int httpPort) {
        String mqtt = embeddedPort > 0
                ? "mqtt:\n  embedded: true\nbroker:\n  bind: 127.0.0.1\n  port: " + embeddedPort + "\n"
                : "mqtt:\n  url: " + brokerUrl + "\n";
        // The load client does not echo commands on the lights' state topics as a real light would, and the floor
        // and Node-RED confirm nothing: closed-loop confirmation would only resend every command here.
        return "gateway:\n  id: bench\n  data_dir: data\n  automations_dir: automations\n" + mqtt
                + "commands:\n  confirm: false\n"
                + "http:\n  bind: 127.0.0.1\n  port: " + httpPort + "\n";
    }

    private static String devices(Workload w) {
        StringBuilder b = new StringBuilder("devices:\n");
        for (int i = 0; i < w.pairs(); i++) {
            device(b, "motion_" + i, "motion_sensor", Workload.motionTopic(i));
            device(b, "light_" + i, "light", Workload.lightTopic(i));
        }
        for (int i = 0; i < w.sensors(); i++) {
            device(b, "temp_" + i, "temperature_sensor", Workload.sensorTopic(i));
        }
        return b.toString();
    }

    private static void device(StringBuilder b, String id, String kind, String topic) {
        b.append("  - id: ").append(id).append("\n    kind: ").append(kind)
                .append("\n    state_topic: ").append(topic).append('\n');
    }

    private static String automations(Workload w) {
        StringBuilder b = new StringBuilder("automations:\n");
        for (int i = 0; i < w.pairs(); i++) {
            motion(b, i, "on", "true", "{ state: \"ON\", brightness: 200 }");
            motion(b, i, "off", "false", "{ state: \"OFF\" }");
        }
        for (int i = 0; i < w.watched(); i++) {
            b.append("  - id: hot_").append(i).append('\n')
                    .append("    triggers:\n      - trigger: numeric\n        device: temp_").append(i)
                    .append("\n        attribute: temperature\n        above: ").append(Workload.THRESHOLD).append('\n')
                    .append("    actions:\n      - command:\n          device: light_").append(i % w.pairs())
                    .append("\n          set: { state: \"ON\" }\n");
        }
        return b.toString();
    }

    private static void motion(StringBuilder b, int pair, String suffix, String to, String set) {
        b.append("  - id: motion_").append(suffix).append('_').append(pair).append('\n')
                .append("    triggers:\n      - trigger: state\n        device: motion_").append(pair)
                .append("\n        attribute: occupancy\n        to: ").append(to).append('\n')
                .append("    actions:\n      - command:\n          device: light_").append(pair)
                .append("\n          set: ").append(set).append('\n');
    }
}
