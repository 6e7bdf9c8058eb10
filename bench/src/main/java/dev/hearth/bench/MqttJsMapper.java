package dev.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bare mqtt.js client: Node-RED's own MQTT library (npm {@code mqtt}, from the same install) running the
 * function node's body ({@link NodeRedFlow#FUNCTION_LINES}) in its message handler, no flow engine. As installed:
 * Nagle stays on, but its handler publishes before mqtt.js sends the PUBACK, so no small write waits behind another.
 * Started as {@code node mapper.js <broker port> <qos>} with {@code NODE_PATH} at the install's node_modules.
 */
final class MqttJsMapper {
    private MqttJsMapper() {
    }

    /** Writes the script into {@code dir} and returns its path. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("mapper.js");
        Files.writeString(script, script());
        return script;
    }

    static String script() {
        return "'use strict';\n"
                + "const mqtt = require('mqtt');\n"
                + "const port = Number(process.argv[2]);\n"
                + "const qos = Number(process.argv[3]);\n"
                + "const store = {};\n"
                + "const context = { get: (k) => store[k], set: (k, v) => { store[k] = v; } };\n"
                + "function map(msg) {\n  " + String.join("\n  ", NodeRedFlow.FUNCTION_LINES) + "\n}\n"
                + "const client = mqtt.connect({ host: '127.0.0.1', port, protocolVersion: 5, clean: true, keepalive: 30,\n"
                + "  clientId: 'bench-mqttjs-' + process.pid, reconnectPeriod: 1000 });\n"
                + "client.on('connect', () => client.subscribe('" + Workload.stateFilter() + "', { qos }, (err) => {\n"
                + "  if (err) console.error('subscribe failed: ' + err.message); else console.log('mqtt.js ready');\n"
                + "}));\n"
                + "client.on('error', (err) => console.error('mqtt.js: ' + err.message));\n"
                + "client.on('message', (topic, buffer) => {\n"
                + "  let payload;\n"
                + "  try { payload = JSON.parse(buffer.toString()); } catch (e) { return; }\n"
                + "  const out = map({ topic, payload });\n"
                + "  if (out) client.publish(out.topic, JSON.stringify(out.payload), { qos });\n"
                + "});\n";
    }
}
