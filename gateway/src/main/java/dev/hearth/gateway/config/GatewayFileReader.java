package dev.hearth.gateway.config;

import dev.hearth.gateway.broker.BrokerSettings;
import dev.hearth.gateway.discovery.DiscoverySettings;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.time.Location;
import dev.hearth.gateway.web.HttpSettings;
import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.Secret;
import dev.hearth.gateway.yaml.SecretReader;
import dev.hearth.gateway.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import dev.hearth.gateway.automation.model.AutomationSettings;
import dev.hearth.gateway.commands.ConfirmationSettings;
import dev.hearth.gateway.outbox.OutboxSettings;
import dev.hearth.gateway.uplink.UplinkSettings;
import dev.hearth.gateway.history.HistorySettings;
import dev.hearth.gateway.watchdog.Watchdog;
import dev.hearth.gateway.notify.NotifySettings;
import dev.hearth.gateway.logging.LogFormat;
import dev.hearth.gateway.store.Durability;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads gateway.yaml. YAML keys live here and nowhere else. */
final class GatewayFileReader {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Duration MIN_STALL = Duration.ofSeconds(2);
    private static final Pattern BASE_TOPIC = Pattern.compile("[^+#\\s]+");

    private final Path baseDir;
    private final SecretReader secrets;

    GatewayFileReader(Path baseDir, SecretReader secrets) {
        this.baseDir = baseDir;
        this.secrets = secrets;
    }

    /** The parts of gateway.yaml; devices come from their own file. */
    record Parts(String id, Path dataDir, Path automationsDir, int maxPayloadBytes, Durability durability, MqttSettings mqtt,
                 BrokerSettings broker, HttpSettings http, Location location, OutboxSettings outbox, ConfirmationSettings commands,
                 Optional<UplinkSettings> uplink, HistorySettings history,
                 AutomationSettings automation, LogFormat logFormat, DiscoverySettings discovery, NotifySettings notifications,
                 Watchdog.Settings watchdog) {
    }

    Optional<Parts> read(String file, Node root, Problems problems) {
        Optional<YamlMap> top = YamlMap.of(file, root, problems, "gateway.yaml");
        if (top.isEmpty()) return Optional.empty();
        YamlMap doc = top.get();
        YamlMap gw = section(doc, "gateway");
        String id = gw.text("id", "hearth");
        if (!CLIENT_ID.matcher(id).matches()) gw.problemAtKey("id", "gateway id must be 1-64 letters, digits, '.', '_' or '-'");
        Path dataDir = baseDir.resolve(gw.text("data_dir", "data")).normalize();
        Path automationsDir = baseDir.resolve(gw.text("automations_dir", "automations")).normalize();
        int maxPayload = gw.integer("max_payload_bytes", 64 * 1024, 64, 16 * 1024 * 1024);
        Durability durability = gw.choice("durability", GatewayFileReader::durability, List.of("process", "power"))
                .orElse(Durability.PROCESS);
        gw.finish();
        BrokerSettings broker = broker(section(doc, "broker"));
        MqttSettings mqtt = mqtt(section(doc, "mqtt"), LinkDefaults.local(id), broker);
        HttpSettings http = new HttpSection(baseDir).read(section(doc, "http"));
        Location location = location(section(doc, "location"));
        OutboxSettings outbox = outbox(section(doc, "outbox"));
        Optional<UplinkSettings> uplink = doc.map("uplink").map(u -> new UplinkSection((m, d) -> mqtt(m, d, broker))
                .read(u, id, outbox.telemetryTtl()));
        ConfirmationSettings commands = commands(section(doc, "commands"));
        HistorySettings history = history(section(doc, "history"));
        AutomationSettings automation = automation(section(doc, "automation"));
        DiscoverySettings discovery = DiscoverySection.read(section(doc, "discovery"));
        YamlMap logging = section(doc, "logging");
        LogFormat logFormat = logging.choice("format", LogFormat::named, List.of("text", "json")).orElse(LogFormat.TEXT);
        logging.finish();
        NotifySettings notify = new NotifySection(secrets, baseDir).read(doc.map("notify"));
        Watchdog.Settings watchdog = watchdog(section(doc, "watchdog"));
        doc.finish();
        return Optional.of(new Parts(id, dataDir, automationsDir, maxPayload, durability, mqtt, broker, http, location, outbox, commands, uplink,
                history, automation, logFormat, discovery, notify, watchdog));
    }

    private static YamlMap section(YamlMap doc, String key) {
        return doc.map(key).orElseGet(() -> YamlMap.of(doc.file(), emptyMapping(), doc.problems(), key).orElseThrow());
    }

    /** Defaults of a broker connection's keys: the home's own broker, or the uplink to a fleet's. */
    record LinkDefaults(String clientId, String baseTopic, Duration sessionExpiry, Duration reconnectMin, Duration reconnectMax,
                        boolean fullJitter) {
        static LinkDefaults local(String gatewayId) {
            return new LinkDefaults("hearth-" + gatewayId, "hearth/" + gatewayId, Duration.ofHours(1), Duration.ofMillis(100),
                    Duration.ofSeconds(5), false);
        }
    }

    private MqttSettings mqtt(YamlMap m, LinkDefaults d, BrokerSettings broker) {
        boolean embedded = m.flag("embedded", false);
        String url = m.text("url").orElse(null);
        if (url == null && embedded) url = broker.url();
        if (url == null) {
            m.problem(m.node(), "mqtt needs either 'url' (for example tcp://192.168.1.10:1883) or 'embedded: true'");
            url = "tcp://127.0.0.1:1883";
        } else {
            checkUrl(m, url);
        }
        String clientId = m.text("client_id", d.clientId());
        if (!CLIENT_ID.matcher(clientId).matches()) m.problemAtKey("client_id", "client_id must be 1-64 letters, digits, '.', '_' or '-'");
        // With the embedded broker and no credentials of its own, the gateway uses the broker's.
        Optional<String> username = m.text("username").or(() -> embedded ? broker.username() : Optional.empty());
        Optional<Secret> password = secrets.password(m).or(() -> embedded ? broker.password() : Optional.empty());
        Optional<Path> caFile = m.map("tls").flatMap(this::caFile);
        Duration keepAlive = m.positiveDuration("keep_alive", Duration.ofSeconds(30));
        Duration sessionExpiry = m.positiveDuration("session_expiry", d.sessionExpiry());
        Duration connectTimeout = m.positiveDuration("connect_timeout", Duration.ofSeconds(10));
        YamlMap reconnect = section(m, "reconnect");
        Duration min = reconnect.positiveDuration("min", d.reconnectMin());
        Duration max = reconnect.positiveDuration("max", d.reconnectMax());
        if (min.compareTo(max) > 0) reconnect.problemAtKey("min", "reconnect.min must not exceed reconnect.max");
        reconnect.finish();
        String base = m.text("base_topic", d.baseTopic());
        if (!BASE_TOPIC.matcher(base).matches()) m.problemAtKey("base_topic", "base_topic must not contain wildcards or spaces");
        m.finish();
        return new MqttSettings(embedded, url, clientId, username, password, caFile, keepAlive, sessionExpiry,
                connectTimeout, min, max, base, d.fullJitter());
    }

    private static void checkUrl(YamlMap m, String url) {
        try {
            URI uri = new URI(url);
            boolean scheme = "tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme());
            if (!scheme || uri.getHost() == null || uri.getPort() < 1) {
                m.problemAtKey("url", "url must look like tcp://host:1883 or ssl://host:8883, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            m.problemAtKey("url", "url is not a valid URI: " + e.getReason());
        }
    }

    private Optional<Path> caFile(YamlMap tls) {
        Optional<Path> ca = tls.text("ca_file").map(baseDir::resolve);
        ca.filter(p -> !Files.isReadable(p)).ifPresent(p -> tls.problemAtKey("ca_file", "cannot read CA file " + p));
        tls.finish();
        return ca;
    }

    private BrokerSettings broker(YamlMap b) {
        String bind = b.text("bind", "127.0.0.1");
        int port = b.integer("port", 1883, 1, 65535);
        Optional<String> username = b.text("username");
        Optional<Secret> password = secrets.password(b);
        if (username.isPresent() != password.isPresent()) {
            b.problem(b.node(), "the embedded broker needs both username and password_env/password_file, or neither");
        }
        BrokerSettings settings = new BrokerSettings(bind, port, username, password);
        if (!settings.loopbackOnly() && username.isEmpty()) {
            b.problemAtKey("bind", "an embedded broker reachable from the network (bind " + bind
                    + ") needs a username and password_env/password_file");
        }
        b.finish();
        return settings;
    }

    private static ConfirmationSettings commands(YamlMap c) {
        ConfirmationSettings d = ConfirmationSettings.DEFAULTS;
        ConfirmationSettings settings = new ConfirmationSettings(c.flag("confirm", d.enabled()),
                c.positiveDuration("confirm_timeout", d.timeout()), c.integer("retries", d.retries(), 0, 20),
                c.duration("retry_jitter", d.jitter()));
        c.finish();
        return settings;
    }

    private static OutboxSettings outbox(YamlMap o) {
        OutboxSettings d = OutboxSettings.DEFAULTS;
        OutboxSettings settings = new OutboxSettings(o.positiveDuration("command_ttl", d.commandTtl()),
                o.positiveDuration("telemetry_ttl", d.telemetryTtl()),
                o.integer("max_rows", d.maxRows(), 10, 10_000_000),
                o.integer("max_bytes", (int) d.maxBytes(), 64 * 1024, Integer.MAX_VALUE),
                o.integer("dead_letter_after", d.deadLetterAfter(), 1, 100));
        o.finish();
        return settings;
    }

    /** How long an event loop may block (or the MQTT receiver be gone) before /health fails, and before the process exits. */
    private static Watchdog.Settings watchdog(YamlMap w) {
        Watchdog.Settings d = Watchdog.Settings.DEFAULTS;
        Duration stall = w.duration("stall_after", d.stallAfter());
        Duration exit = w.duration("exit_after", d.exitAfter());
        if (stall.compareTo(MIN_STALL) < 0) {
            w.problemAtKey("stall_after", "'stall_after' must be at least " + MIN_STALL.toSeconds() + "s: a busy loop is not a stuck one");
            stall = d.stallAfter();
        }
        if (exit.compareTo(stall) < 0) {
            w.problemAtKey("exit_after", "'exit_after' must be at least 'stall_after' (" + stall.toSeconds() + "s)");
            exit = d.exitAfter();
        }
        w.finish();
        return new Watchdog.Settings(d.period(), stall, exit);
    }

    private static HistorySettings history(YamlMap h) {
        Duration retention = h.duration("retention", HistorySettings.DEFAULTS.retention());
        if (retention.compareTo(HistorySettings.MIN_RETENTION) < 0) {
            h.problemAtValue("retention", "'retention' must be at least 1h, got " + Durations.format(retention));
            retention = HistorySettings.MIN_RETENTION;
        }
        Duration commit = h.duration("commit_interval", HistorySettings.DEFAULTS.commitInterval());
        if (commit.compareTo(HistorySettings.MIN_COMMIT_INTERVAL) < 0 || commit.compareTo(HistorySettings.MAX_COMMIT_INTERVAL) > 0) {
            h.problemAtValue("commit_interval", "'commit_interval' must be from 100ms to 1m, got " + Durations.format(commit));
            commit = HistorySettings.DEFAULTS.commitInterval();
        }
        h.finish();
        return new HistorySettings(retention, commit);
    }

    private static AutomationSettings automation(YamlMap a) {
        int maxRuns = a.integer("max_runs_per_second", AutomationSettings.DEFAULTS.maxRunsPerSecond(), 1, 10_000);
        a.finish();
        return new AutomationSettings(maxRuns);
    }

    private static Location location(YamlMap l) {
        double lat = l.number("latitude", 0, -90, 90);
        double lon = l.number("longitude", 0, -180, 180);
        ZoneId zone = l.choice("time_zone", GatewayFileReader::zone, List.of("an IANA zone such as Europe/Berlin"))
                .orElse(ZoneId.systemDefault());
        l.finish();
        return new Location(lat, lon, zone);
    }

    private static Optional<Durability> durability(String name) {
        return switch (name) {
            case "process" -> Optional.of(Durability.PROCESS);
            case "power" -> Optional.of(Durability.POWER);
            default -> Optional.empty();
        };
    }

    private static Optional<ZoneId> zone(String name) {
        try {
            return Optional.of(ZoneId.of(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Node emptyMapping() {
        return new org.snakeyaml.engine.v2.nodes.MappingNode(org.snakeyaml.engine.v2.nodes.Tag.MAP, java.util.List.of(),
                org.snakeyaml.engine.v2.common.FlowStyle.BLOCK);
    }
}
