package dev.hearth.gateway.config;

import dev.hearth.gateway.discovery.DiscoverySettings;
import dev.hearth.gateway.yaml.YamlMap;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code discovery:} in gateway.yaml. Zigbee2MQTT discovery is on by default:
 * <pre>
 * discovery:
 *   zigbee2mqtt:
 *     enabled: true
 *     base_topic: zigbee2mqtt     # or a list: [zigbee2mqtt, zigbee2mqtt_garden]
 *   homeassistant:
 *     enabled: true               # read the configs under the prefix
 *     prefix: homeassistant
 *     publish: false              # true: announce Hearth's own entities there
 *   tasmota:
 *     enabled: true
 *     prefix: tasmota/discovery
 * </pre>
 */
final class DiscoverySection {
    /** A concrete topic: no wildcards, no spaces, no empty level at either end. */
    private static final Pattern BASE_TOPIC = Pattern.compile("[^+#\\s/]([^+#\\s]*[^+#\\s/])?");

    private DiscoverySection() {
    }

    static DiscoverySettings read(YamlMap d) {
        List<String> zigbee2mqtt = d.map("zigbee2mqtt").map(DiscoverySection::zigbee2mqtt)
                .orElse(List.of(DiscoverySettings.ZIGBEE2MQTT_DEFAULT_BASE));
        DiscoverySettings.HomeAssistant homeAssistant = d.map("homeassistant").map(DiscoverySection::homeAssistant)
                .orElse(DiscoverySettings.HomeAssistant.DEFAULTS);
        DiscoverySettings.Tasmota tasmota = d.map("tasmota").map(DiscoverySection::tasmota)
                .orElse(DiscoverySettings.Tasmota.DEFAULTS);
        d.finish();
        return new DiscoverySettings(zigbee2mqtt, homeAssistant, tasmota);
    }

    private static DiscoverySettings.HomeAssistant homeAssistant(YamlMap h) {
        boolean enabled = h.flag("enabled", true);
        String prefix = prefix(h, DiscoverySettings.HomeAssistant.DEFAULT_PREFIX);
        boolean publish = h.flag("publish", false);
        h.finish();
        return new DiscoverySettings.HomeAssistant(enabled, prefix, publish);
    }

    private static DiscoverySettings.Tasmota tasmota(YamlMap t) {
        boolean enabled = t.flag("enabled", true);
        String prefix = prefix(t, DiscoverySettings.Tasmota.DEFAULT_PREFIX);
        t.finish();
        return new DiscoverySettings.Tasmota(enabled, prefix);
    }

    private static String prefix(YamlMap m, String fallback) {
        String prefix = m.text("prefix", fallback);
        if (!BASE_TOPIC.matcher(prefix).matches()) {
            m.problemAtValue("prefix", "prefix '" + prefix + "' must be a topic without wildcards (+, #), spaces or a leading or trailing '/'");
        }
        return prefix;
    }

    private static List<String> zigbee2mqtt(YamlMap z) {
        boolean enabled = z.flag("enabled", true);
        List<String> bases = z.has("base_topic") ? z.listOfText("base_topic") : List.of(DiscoverySettings.ZIGBEE2MQTT_DEFAULT_BASE);
        if (z.has("base_topic") && bases.isEmpty()) z.problemAtValue("base_topic", "'base_topic' needs at least one topic, such as zigbee2mqtt");
        bases.stream().filter(b -> !BASE_TOPIC.matcher(b).matches()).findFirst().ifPresent(b -> z.problemAtValue("base_topic",
                "base_topic '" + b + "' must be a topic without wildcards (+, #), spaces or a leading or trailing '/'"));
        if (bases.stream().distinct().count() < bases.size()) z.problemAtValue("base_topic", "base_topic lists a topic twice");
        z.finish();
        return enabled ? bases : List.of();
    }
}
