package dev.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The same logic as {@link Mapping} as a Node-RED 4 flow: {@code mqtt in} (JSON) → {@code function}
 * → {@code mqtt out}, MQTT v5, the workload's QoS both ways, against the benchmark's broker.
 */
final class NodeRedFlow {
    /** The function node's body: {@code msg} in, the command out or null; its state in {@code context}. */
    static final List<String> FUNCTION_LINES = List.of(
            "const t = msg.topic; const p = msg.payload;",
            "if (typeof p !== 'object' || p === null) return null;",
            "const seen = context.get('seen') || {}; context.set('seen', seen);",
            "if (t.startsWith('bench/motion_')) {",
            "  if (typeof p.occupancy !== 'boolean') return null;",
            "  const before = seen[t]; seen[t] = p.occupancy;",
            "  if (before === undefined || before === p.occupancy) return null;",
            "  const light = 'bench/light_' + t.substring(13) + '/set';",
            "  return { topic: light, payload: p.occupancy ? {state: 'ON', brightness: 200} : {state: 'OFF'} };",
            "}",
            "if (t.startsWith('bench/temp_')) {",
            "  if (typeof p.temperature !== 'number') return null;",
            "  const before = seen[t]; seen[t] = p.temperature;",
            "  if (p.temperature > " + Workload.THRESHOLD + " && (before === undefined || before <= "
                    + Workload.THRESHOLD + ")) return { topic: 'bench/light_0/set', payload: {state: 'ON'} };",
            "}",
            "return null;");
    private static final String FUNCTION = String.join("\\n", FUNCTION_LINES);

    /**
     * Node-RED's answer at QoS 1 waits ~40 ms: its {@code mqtt in} node sends the PUBACK, the flow hands the message
     * on asynchronously, and the {@code mqtt out} node's PUBLISH, a second small write while the first is not yet
     * acknowledged, is held by Nagle's algorithm until Mosquitto's delayed ACK (Linux: 40 ms). Node's sockets start
     * with Nagle on, mqtt.js 5 opens its socket with {@code net.createConnection({port, host, path})} only, and neither
     * Node-RED's broker node nor mqtt.js has a setting for it. "Tuned" turns it off for every socket from settings.js
     * with Node's documented {@code socket.setNoDelay()}, as a user who found the cause would.
     */
    static final String NO_DELAY = "const net = require('net');\n"
            + "const connect = net.Socket.prototype.connect;\n"
            + "net.Socket.prototype.connect = function (...args) {\n"
            + "  this.once('connect', () => this.setNoDelay(true));\n"
            + "  return connect.apply(this, args);\n"
            + "};\n";

    private NodeRedFlow() {
    }

    /** Writes flows.json and settings.js into {@code userDir}; {@code tuned}: Nagle off (see {@link #NO_DELAY}). */
    static void write(Path userDir, int brokerPort, int httpPort, int qos, boolean tuned) throws IOException {
        Files.createDirectories(userDir);
        Files.writeString(userDir.resolve("flows.json"), flows(brokerPort, qos));
        Files.writeString(userDir.resolve("settings.js"), (tuned ? NO_DELAY : "") + "module.exports = {\n"
                + "  uiHost: '127.0.0.1', uiPort: " + httpPort + ",\n"
                + "  flowFile: 'flows.json', credentialSecret: false,\n"
                + "  logging: { console: { level: 'warn', metrics: false, audit: false } },\n"
                + "  editorTheme: { projects: { enabled: false } }, telemetry: { enabled: false }\n"
                + "};\n");
    }

    private static String flows(int brokerPort, int qos) {
        return "[\n"
                + "{\"id\":\"benchtab\",\"type\":\"tab\",\"label\":\"bench\"},\n"
                + "{\"id\":\"benchbroker\",\"type\":\"mqtt-broker\",\"name\":\"bench\",\"broker\":\"127.0.0.1\",\"port\":\""
                + brokerPort + "\",\"clientid\":\"bench-nodered\",\"autoConnect\":true,\"usetls\":false,"
                + "\"protocolVersion\":\"5\",\"keepalive\":\"30\",\"cleansession\":true,\"autoUnsubscribe\":true,"
                + "\"birthTopic\":\"\",\"closeTopic\":\"\",\"willTopic\":\"\"},\n"
                + "{\"id\":\"benchin\",\"type\":\"mqtt in\",\"z\":\"benchtab\",\"name\":\"states\",\"topic\":\""
                + Workload.stateFilter() + "\",\"qos\":\"" + qos + "\",\"datatype\":\"json\",\"broker\":\"benchbroker\","
                + "\"nl\":false,\"rap\":false,\"inputs\":0,\"x\":100,\"y\":100,\"wires\":[[\"benchfn\"]]},\n"
                + "{\"id\":\"benchfn\",\"type\":\"function\",\"z\":\"benchtab\",\"name\":\"motion to light\",\"func\":\""
                + FUNCTION.replace("\"", "\\\"") + "\",\"outputs\":1,\"x\":300,\"y\":100,\"wires\":[[\"benchout\"]]},\n"
                + "{\"id\":\"benchout\",\"type\":\"mqtt out\",\"z\":\"benchtab\",\"name\":\"commands\",\"topic\":\"\","
                + "\"qos\":\"" + qos + "\",\"retain\":\"false\",\"broker\":\"benchbroker\",\"x\":500,\"y\":100,\"wires\":[]}\n"
                + "]\n";
    }
}
