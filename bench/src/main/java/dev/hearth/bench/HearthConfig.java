package dev.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a Hearth configuration directory (gateway.yaml, devices.yaml, automations/) for a workload. */
final class HearthConfig {
    /**
     * The runaway guard (automation.max_runs_per_second, default 20) raised to its maximum: at saturation
     * every pair has an event in flight all the time, so each automation runs hundreds of times a second.
     * The guard protects a home from a flapping sensor; here it would only cap the figure.
     */
    static final int MAX_RUNS_PER_SECOND = 10_000;
    /**
     * Every Hearth process gets a client id of its own and a short session expiry: with one shared id
     * a new process resumed the previous one's session and first had to work through every QoS 1
     * event the broker had queued for it while the other subjects ran (thousands of stale motion
     * events), and a long expiry would keep the broker copying messages into dead sessions.
     */
    static final String SESSION_EXPIRY = "10s";

    /** The uplink of the outage run: a second broker, the sensors' states forwarded to it. */
    record Uplink(String url, String from, String to) {
    }

    private HearthConfig() {
    }

    /** External broker at {@code brokerUrl}, or the embedded one on {@code embeddedPort} when that is positive. */
    static Path write(Path dir, Workload w, String brokerUrl, int embeddedPort, int httpPort) throws IOException {
        return write(dir, w, brokerUrl, embeddedPort, httpPort, null);
    }

    /** As above, with an uplink when {@code uplink} is not null. */
    static Path write(Path dir, Workload w, String brokerUrl, int embeddedPort, int httpPort, Uplink uplink) throws IOException {
        Files.createDirectories(dir.resolve("automations"));
        String clientId = "hearth-" + dir.toAbsolutePath().getParent().getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "-");
        Files.writeString(dir.resolve("gateway.yaml"), gateway(brokerUrl, embeddedPort, httpPort, clientId) + uplink(uplink));
        Files.writeString(dir.resolve("devices.yaml"), devices(w));
        Files.writeString(dir.resolve("automations").resolve("bench.yaml"), automations(w));
        return dir;
    }

    private static String gateway(String brokerUrl, int embeddedPort, int httpPort, String clientId) {
        String session = "  client_id: " + clientId + "\n  session_expiry: " + SESSION_EXPIRY + "\n";
        String mqtt = embeddedPort > 0
                ? "mqtt:\n  embedded: true\n" + session + "broker:\n  bind: 127.0.0.1\n  port: " + embeddedPort + "\n"
                : "mqtt:\n  url: " + brokerUrl + "\n" + session;
        // The load client does not echo commands on the lights' state topics as a real light would, and the floor
        // and Node-RED confirm nothing: closed-loop confirmation would only resend every command here.
        return "gateway:\n  id: bench\n  data_dir: data\n  automations_dir: automations\n" + mqtt
                + "commands:\n  confirm: false\n"
                + "automation:\n  max_runs_per_second: " + MAX_RUNS_PER_SECOND + "\n"
                + "http:\n  bind: 127.0.0.1\n  port: " + httpPort + "\n";
    }

    /**
     * The uplink's token bucket at its maximum (100,000 msg/s, a burst of a million) so that the drain
     * after an outage measures the outbox, not the bucket (default 50 msg/s); and room for the
     * backlog of a 60 s outage at the load's rate without dropping the oldest telemetry.
     */
    private static String uplink(Uplink u) {
        if (u == null) return "";
        return "outbox:\n  max_rows: 1000000\n"
                + "uplink:\n  url: " + u.url() + "\n  rate: 100000\n  burst: 1000000\n"
                + "  forward:\n    - from: \"" + u.from() + "\"\n      to: \"" + u.to() + "\"\n";
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
