package dev.hearth.gateway.config;

import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceFormats;
import dev.hearth.gateway.device.ValueType;
import dev.hearth.gateway.support.RepositoryHome;
import dev.hearth.gateway.web.auth.PasswordHash;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/gateway.schema.json and docs/devices.schema.json (for editors' completion and checks) agree with the files we
 * ship, the examples in the docs and the gateway's own readers.
 */
class ConfigSchemaTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    /** Every key gateway.yaml knows, each once; the gateway's reader accepts it without a problem. */
    private static final String EVERY_GATEWAY_KEY = """
            gateway: { id: home, data_dir: data, automations_dir: automations, max_payload_bytes: 65536, durability: power }
            mqtt:
              embedded: false
              url: ssl://broker.example:8883
              client_id: hearth-home
              username: hearth
              password_file: mqtt-password
              tls: { ca_file: ca.pem }
              keep_alive: 30s
              session_expiry: 1h
              connect_timeout: 10s
              reconnect: { min: 100ms, max: 5s }
              base_topic: hearth/home
            broker: { bind: 127.0.0.1, port: 1883, username: hearth, password_env: BROKER_PASSWORD }
            http:
              bind: 127.0.0.1
              port: 8080
              hosts: [hearth.home.arpa]
              tls: { cert: ca.pem, key: ca.pem }
              trusted_proxies: [127.0.0.1]
              allow_plain_http: false
              editor: true
              limits: { max_connections: 256, idle_timeout: 60s, request_timeout: 10s, max_header_bytes: 8192, max_initial_line_bytes: 4096 }
            location: { latitude: 52.52, longitude: 13.405, time_zone: Europe/Berlin }
            uplink:
              url: tcp://cloud.example:1883
              client_id: hearth-home-up
              username: alice
              password_env: UPLINK_PASSWORD
              keep_alive: 1m
              session_expiry: 2d
              connect_timeout: 5s
              reconnect: { min: 1s, max: 01:00 }
              base_topic: homes/alice/hearth
              forward: [{ from: "zigbee2mqtt/#", to: "homes/alice/{topic}" }]
              rate: 50
              burst: 200
              health_interval: 30s
              remote_control: { devices: [hallway_light, "kitchen_*"], automations: ["*"] }
            outbox: { command_ttl: 5m, telemetry_ttl: 24h, max_rows: 100000, max_bytes: 67108864, dead_letter_after: 3 }
            commands: { confirm: true, confirm_timeout: 5s, retries: 2, retry_jitter: 1s }
            history: { retention: 30d, commit_interval: 5s }
            watchdog: { stall_after: 10s, exit_after: 60s }
            automation: { max_runs_per_second: 20 }
            logging: { format: json }
            discovery: { zigbee2mqtt: { enabled: true, base_topic: [zigbee2mqtt, zigbee2mqtt_garden] }, homeassistant: { enabled: true, prefix: homeassistant, publish: true }, tasmota: { enabled: true, prefix: tasmota/discovery } }
            notify:
              phone: { type: ntfy, url: "https://ntfy.example", topic: my-home, token_env: NTFY_TOKEN, priority: 4, ttl: 2h }
              mail: { type: smtp, host: smtp.example.org, port: 587, starttls: true, ca_file: ca.pem, username: me, password_env: SMTP_PASSWORD, from: hearth@example.org, to: [me@example.org] }
              hook: { type: webhook, url: "http://192.168.1.5:8123/api/webhook/abc", method: PUT, headers: { X-Home: hearth }, token_file: mqtt-password }
            """;

    /** The keys that exclude others above (a password from a file or the environment; a dashboard password). */
    private static final String THE_ALTERNATIVES = """
            mqtt: { url: ssl://broker.example:8883, username: hearth, password_env: MQTT_PASSWORD }
            broker: { username: hearth, password_file: mqtt-password }
            http: { password_hash: "%s" }
            uplink: { url: ssl://cloud.example:8883, fleet_prefix: fleet/eu, password_file: mqtt-password, tls: { ca_file: ca.pem }, forward: [{ from: a/#, to: "b/{topic}" }] }
            notify: { mail: { type: smtp, host: smtp.example.org, tls: true, password_file: mqtt-password, username: me, from: a@example.org, to: [b@example.org] }, phone: { type: ntfy, topic: t, token_file: mqtt-password } }
            """.formatted(PasswordHash.of("correct horse".toCharArray()).encoded());

    @TempDir
    Path dir;

    @Test
    void theShippedConfigurationFilesAreValid() throws IOException {
        Path root = RepositoryHome.root();
        assertValid(GATEWAY, root.resolve("config/gateway.yaml"));
        assertValid(GATEWAY, root.resolve("distribution/src/deb/etc/gateway.yaml"));
        assertValid(DEVICES, root.resolve("config/devices.yaml"));
    }

    @Test
    void theExamplesInTheDocsAreValid() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> docs = Files.list(RepositoryHome.root().resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
                while (m.find()) {
                    Object example = load(m.group(1));
                    if (!(example instanceof Map<?, ?> map)) continue;
                    String where = doc.getFileName() + " example at offset " + m.start();
                    if (map.containsKey("devices")) {
                        assertValid(DEVICES, example, where);
                        checked.add(where);
                    } else if (GATEWAY_SECTIONS.containsAll(map.keySet())) {
                        // A section shown alone (notify:) is checked as part of a file, which needs its mqtt:.
                        Map<Object, Object> file = new java.util.LinkedHashMap<>(map);
                        file.putIfAbsent("mqtt", Map.of("embedded", true));
                        assertValid(GATEWAY, file, where);
                        checked.add(where);
                    }
                }
            }
        }
        assertThat(checked).as("docs/devices.md shows a devices.yaml").isNotEmpty();
    }

    @Test
    void everyKeyTheReaderKnowsIsInTheSchemaAndTheReaderAcceptsIt() throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), EVERY_GATEWAY_KEY);
        Files.writeString(dir.resolve("devices.yaml"), "devices: []\n");
        Files.writeString(dir.resolve("mqtt-password"), "secret\n");
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> environment = Map.of("BROKER_PASSWORD", "b", "UPLINK_PASSWORD", "u", "MQTT_PASSWORD", "m", "NTFY_TOKEN", "t",
                "SMTP_PASSWORD", "s");
        new ConfigLoader(environment).load(dir);
        Files.writeString(dir.resolve("gateway.yaml"), THE_ALTERNATIVES);
        new ConfigLoader(environment).load(dir);
        assertValid(GATEWAY, load(EVERY_GATEWAY_KEY), "every key");
        assertValid(GATEWAY, load(THE_ALTERNATIVES), "the alternatives");
        List<String> written = new ArrayList<>(instanceKeys("", new JsonObject(Json.encode(load(EVERY_GATEWAY_KEY)))));
        written.addAll(instanceKeys("", new JsonObject(Json.encode(load(THE_ALTERNATIVES)))));
        List<String> namedMaps = namedMaps("", GATEWAY_SCHEMA);
        assertThat(namedMaps).as("notify: is a map of named services").contains("notify");
        List<String> schemaKeys = leafKeys("", GATEWAY_SCHEMA).stream().distinct().toList();
        // A free map's keys (a webhook's headers) are the user's: the schema has the map, the instance its entries.
        List<String> accepted = written.stream().map(k -> named(k, namedMaps))
                .map(k -> schemaKeys.stream().filter(leaf -> k.startsWith(leaf + ".")).findFirst().orElse(k)).distinct().toList();
        assertThat(schemaKeys).as("the schema's keys are exactly those the reader accepted").containsExactlyInAnyOrderElementsOf(accepted);
    }

    @Test
    void mistakesTheReaderRefusesAreRefusedByTheSchema() {
        assertInvalid(GATEWAY, "mqtt: { embedded: true, keep_alive: 30 seconds }\n", "/mqtt/keep_alive");
        assertInvalid(GATEWAY, "mqtt: { url: tcp://b:1883 }\nhttp: { prot: 8080 }\n", "/http");
        assertInvalid(GATEWAY, "gateway: { id: home }\n", "");
        assertInvalid(DEVICES, "devices: [{ id: a, kind: light, stat_topic: x }]\n", "/devices/0");
        assertInvalid(DEVICES, "devices: [{ id: Hall, kind: light, state_topic: x }]\n", "/devices/0/id");
        assertInvalid(DEVICES, "overrides: { hall_button: { rooom: Hall } }\n", "/overrides/hall_button");
        assertInvalid(DEVICES, "groups: { living_lights: [lamp_1, Lamp_2] }\n", "/groups/living_lights/1");
        assertInvalid(GATEWAY, "discovery: { zigbee2mqtt: { base_topic: \"zigbee2mqtt/#\" } }\n", "/discovery/zigbee2mqtt/base_topic");
        assertInvalid(DEVICES, "devices: [{ id: a, kind: generic, state_topic: x, attributes: { mode: { type: enum } } }]\n",
                "/devices/0/attributes/mode");
    }

    @Test
    void theDevicesSchemaKnowsExactlyTheKindsFormatsAndTypesTheReaderKnows() {
        JsonObject device = DEVICES_SCHEMA.getJsonObject("$defs").getJsonObject("device").getJsonObject("properties");
        assertThat(device.getJsonObject("kind").getJsonArray("enum").getList()).containsExactlyElementsOf(DeviceKind.names());
        assertThat(device.getJsonObject("format").getJsonArray("enum").getList()).containsExactlyElementsOf(DeviceFormats.NAMES);
        assertThat(device.getJsonObject("attributes").getJsonObject("additionalProperties").getJsonObject("properties")
                .getJsonObject("type").getJsonArray("enum").getList()).containsExactlyElementsOf(ValueType.names());
    }

    private static final List<String> GATEWAY_SECTIONS = List.of("gateway", "mqtt", "broker", "http", "location", "uplink",
            "outbox", "commands", "history", "automation", "logging", "discovery", "notify", "watchdog");
    private static final JsonObject GATEWAY_SCHEMA = schema("docs/gateway.schema.json");
    private static final JsonObject DEVICES_SCHEMA = schema("docs/devices.schema.json");
    private static final Validator GATEWAY = validator(GATEWAY_SCHEMA);
    private static final Validator DEVICES = validator(DEVICES_SCHEMA);

    private static JsonObject schema(String path) {
        try {
            return new JsonObject(Files.readString(RepositoryHome.root().resolve(path)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Validator validator(JsonObject schema) {
        return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://hearth.dev/").setOutputFormat(OutputFormat.Basic));
    }

    /**
     * Dotted paths of the leaves under {@code node}, a schema's properties or an instance's keys. A schema's map of
     * named entries ({@code notify: { <name>: { type: ... } }}: {@code additionalProperties} with properties, or one
     * of several) has {@code *} for the name, and the keys of every variant.
     */
    private static List<String> leafKeys(String prefix, JsonObject node) {
        JsonObject children = node.containsKey("$schema") || node.containsKey("type") ? node.getJsonObject("properties") : node;
        List<String> keys = new ArrayList<>();
        if (children == null) return List.of(prefix);
        for (String key : children.fieldNames()) {
            Object child = children.getValue(key);
            List<JsonObject> entries = entryVariants(child);
            if (!entries.isEmpty()) {
                entries.forEach(variant -> keys.addAll(leafKeys(prefix + key + ".*.", variant)));
                continue;
            }
            if (child instanceof JsonArray array && !array.isEmpty() && array.getValue(0) instanceof JsonObject item) child = item;
            JsonObject object = child instanceof JsonObject o ? o : null;
            JsonObject schemaItems = object != null && object.containsKey("items") ? object.getJsonObject("items") : null;
            if (schemaItems != null && schemaItems.containsKey("properties")) object = schemaItems;
            boolean nested = object != null && (object.containsKey("properties") || !object.containsKey("type") && !object.containsKey("$ref")
                    && !object.containsKey("enum") && !object.containsKey("const") && !object.containsKey("items"));
            keys.addAll(nested ? leafKeys(prefix + key + ".", object) : List.of(prefix + key));
        }
        return keys;
    }

    /** Dotted paths of an instance's leaves (a list of mappings: the keys of its first item); its keys may be anything, {@code type} too. */
    private static List<String> instanceKeys(String prefix, JsonObject node) {
        List<String> keys = new ArrayList<>();
        for (String key : node.fieldNames()) {
            Object child = node.getValue(key);
            if (child instanceof JsonArray array && !array.isEmpty() && array.getValue(0) instanceof JsonObject item) child = item;
            if (child instanceof JsonObject o && !o.isEmpty()) keys.addAll(instanceKeys(prefix + key + ".", o));
            else keys.add(prefix + key);
        }
        return keys;
    }

    /** The variants of a schema's named entries, if {@code child} is such a map; none otherwise. */
    private static List<JsonObject> entryVariants(Object child) {
        if (!(child instanceof JsonObject o) || o.containsKey("properties") || !(o.getValue("additionalProperties") instanceof JsonObject entry)) {
            return List.of();
        }
        if (entry.containsKey("oneOf")) return entry.getJsonArray("oneOf").stream().map(JsonObject.class::cast).toList();
        return entry.containsKey("properties") ? List.of(entry) : List.of();
    }

    /** The dotted paths of the schema's maps of named entries. */
    private static List<String> namedMaps(String prefix, JsonObject schema) {
        JsonObject properties = schema.getJsonObject("properties");
        List<String> out = new ArrayList<>();
        if (properties == null) return out;
        for (String key : properties.fieldNames()) {
            if (!entryVariants(properties.getValue(key)).isEmpty()) out.add(prefix + key);
            else if (properties.getValue(key) instanceof JsonObject o) out.addAll(namedMaps(prefix + key + ".", o));
        }
        return out;
    }

    /** An instance's key with the entry's name under a map of named entries written {@code *}, as the schema has it. */
    private static String named(String key, List<String> namedMaps) {
        for (String map : namedMaps) {
            if (key.startsWith(map + ".")) return map + ".*." + key.substring(map.length() + 1).replaceFirst("^[^.]+\\.", "");
        }
        return key;
    }

    private static Object load(String yaml) {
        return new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static void assertValid(Validator validator, Path file) throws IOException {
        assertValid(validator, load(Files.readString(file)), file.toString());
    }

    private static void assertValid(Validator validator, Object yaml, String where) {
        OutputUnit result = validator.validate(new JsonObject(Json.encode(yaml)));
        assertThat(result.getValid()).as(where + ": " + result.getErrors()).isTrue();
    }

    private static void assertInvalid(Validator validator, String yaml, String location) {
        OutputUnit result = validator.validate(new JsonObject(Json.encode(load(yaml))));
        assertThat(result.getValid()).as(yaml).isFalse();
        assertThat(result.getErrors()).extracting(OutputUnit::getInstanceLocation).as(yaml).contains("#" + location);
    }
}
