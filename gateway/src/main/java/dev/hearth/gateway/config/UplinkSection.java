package dev.hearth.gateway.config;

import dev.hearth.gateway.message.TopicFilter;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.uplink.ForwardRule;
import dev.hearth.gateway.uplink.RemoteControl;
import dev.hearth.gateway.uplink.UplinkSettings;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * {@code uplink:} in gateway.yaml: a second MQTT connection (the same keys as {@code mqtt}, no {@code embedded}), to a
 * fleet's broker. Its defaults suit a thousand gateways on one cluster: the namespace {@code <fleet_prefix>/<gateway
 * id>}, reconnects with full jitter from 1 s up to 60 s, a session kept as long as the outbox keeps telemetry.
 */
final class UplinkSection {
    static final String DEFAULT_FLEET_PREFIX = "hearth";
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[^+#/\\s]+(/[^+#/\\s]+)*");

    private final BiFunction<YamlMap, GatewayFileReader.LinkDefaults, MqttSettings> mqtt;

    UplinkSection(BiFunction<YamlMap, GatewayFileReader.LinkDefaults, MqttSettings> mqtt) {
        this.mqtt = mqtt;
    }

    UplinkSettings read(YamlMap u, String gatewayId, Duration telemetryTtl) {
        double rate = u.number("rate", 50, 0.01, 100_000);
        int burst = u.integer("burst", 200, 1, 1_000_000);
        List<ForwardRule> rules = forwardRules(u);
        if (u.has("embedded")) u.problemAtKey("embedded", "the uplink connects to another broker; 'embedded' is for mqtt only");
        String prefix = u.text("fleet_prefix", DEFAULT_FLEET_PREFIX);
        if (!TOPIC_LEVEL.matcher(prefix).matches()) {
            u.problemAtKey("fleet_prefix", "fleet_prefix must be a topic without wildcards, spaces or a leading or trailing '/'");
        }
        if (u.has("fleet_prefix") && u.has("base_topic")) {
            u.problemAtKey("base_topic", "set either fleet_prefix (the topics are <fleet_prefix>/<gateway id>/…) or base_topic, not both");
        }
        Duration healthInterval = u.positiveDuration("health_interval", Duration.ofMinutes(1));
        if (healthInterval.compareTo(Duration.ofSeconds(1)) < 0) u.problemAtKey("health_interval", "health_interval must be at least 1s");
        Optional<RemoteControl> remote = u.map("remote_control").map(UplinkSection::remoteControl);
        GatewayFileReader.LinkDefaults defaults = new GatewayFileReader.LinkDefaults("hearth-" + gatewayId + "-uplink",
                prefix + "/" + gatewayId, telemetryTtl, Duration.ofSeconds(1), Duration.ofSeconds(60), true);
        MqttSettings settings = mqtt.apply(u, defaults);
        return new UplinkSettings(settings, rules, rate, burst, gatewayId, healthInterval, remote);
    }

    private static List<ForwardRule> forwardRules(YamlMap u) {
        List<ForwardRule> rules = new ArrayList<>();
        for (YamlMap f : u.listOfMaps("forward")) {
            Optional<String> from = f.requiredText("from");
            Optional<String> to = f.requiredText("to");
            String badFilter = from.map(TopicFilter::problem).orElse(null);
            if (badFilter != null) f.problemAtKey("from", "'from' is not a valid MQTT topic filter: " + badFilter);
            to.filter(t -> t.contains("+") || t.contains("#"))
                    .ifPresent(t -> f.problemAtKey("to", "'to' must not contain wildcards; {topic} stands for the local topic"));
            f.finish();
            if (from.isPresent() && badFilter == null && to.isPresent() && !to.get().contains("+") && !to.get().contains("#")) {
                rules.add(new ForwardRule(from.get(), to.get()));
            }
        }
        if (!u.has("forward")) u.missing("forward");
        return rules;
    }

    /** The allow-list: device ids and automation ids (or patterns with '*'); nothing listed, nothing allowed. */
    private static RemoteControl remoteControl(YamlMap r) {
        List<String> devices = r.listOfText("devices");
        List<String> automations = r.listOfText("automations");
        if (devices.isEmpty() && automations.isEmpty()) {
            r.problem(r.node(), "remote_control allows nothing: list the 'devices' and/or 'automations' (ids, '*' patterns) it may command");
        }
        r.finish();
        return new RemoteControl(devices, automations);
    }
}
