package dev.hearth.gateway.discovery.homeassistant;

import dev.hearth.gateway.json.JsonTree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads retained messages on {@code <prefix>/<component>/[<node_id>/]<object_id>/config} (and device-based
 * {@code <prefix>/device/<object_id>/config}) into {@link HaConfig}s: abbreviations expanded, {@code ~} resolved
 * in every key ending in {@code topic}, the device and availability blocks read, required keys checked.
 */
public final class HaConfigParser {
    private final String prefix;

    public HaConfigParser(String prefix) {
        this.prefix = prefix;
    }

    /** Empty when the topic is not a config topic under the prefix (Home Assistant's own status, a state topic…). */
    public Optional<HaDiscoveryMessage> parse(String topic, byte[] payload) {
        if (!topic.startsWith(prefix + "/") || !topic.endsWith("/config")) return Optional.empty();
        String[] path = topic.substring(prefix.length() + 1, topic.length() - "/config".length()).split("/", -1);
        if (path.length < 2 || path.length > 3) return Optional.empty();
        String key = String.join("/", path);
        if (new String(payload, StandardCharsets.UTF_8).isBlank()) return Optional.of(new HaDiscoveryMessage.Removal(key));
        Optional<Map<String, Object>> json = JsonTree.parseObject(payload);
        if (json.isEmpty()) return Optional.of(new HaDiscoveryMessage.Malformed(key, "the config is not a JSON object"));
        Map<String, Object> root = expand(json.get(), HaAbbreviations.ENTITY);
        String objectId = path[path.length - 1];
        if (path.length == 2 && path[0].equals("device")) return Optional.of(deviceBased(key, objectId, root));
        return Optional.of(single(key, path[0], objectId, root));
    }

    private static HaDiscoveryMessage single(String key, String componentName, String objectId, Map<String, Object> root) {
        Optional<HaComponent> component = HaComponent.byTopicName(componentName);
        if (component.isEmpty()) return new HaDiscoveryMessage.Ignored(key, "component '" + componentName + "' is not supported");
        return entity(key, component.get(), objectId, root)
                .<HaDiscoveryMessage>map(c -> new HaDiscoveryMessage.Configs(List.of(c), Optional.empty()))
                .orElseGet(() -> new HaDiscoveryMessage.Malformed(key, missing(component.get(), root)));
    }

    /** Home Assistant's device-based discovery: shared options at the root, one entry per component under {@code components}. */
    @SuppressWarnings("unchecked")
    private static HaDiscoveryMessage deviceBased(String key, String objectId, Map<String, Object> root) {
        if (!(root.get("components") instanceof Map<?, ?> components)) {
            return new HaDiscoveryMessage.Malformed(key, "a device config needs 'components'");
        }
        List<HaConfig> configs = new ArrayList<>();
        for (Map.Entry<?, ?> e : components.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> raw)) continue;
            Map<String, Object> merged = new LinkedHashMap<>(root);
            merged.remove("components");
            merged.putAll(expand((Map<String, Object>) raw, HaAbbreviations.ENTITY));
            Optional<HaComponent> component = HaComponent.byTopicName(String.valueOf(merged.get("platform")));
            // An entry that keeps only its platform is the documented way to remove that component.
            if (component.isEmpty() || raw.size() == 1) continue;
            entity(key + "/" + e.getKey(), component.get(), objectId + "_" + e.getKey(), merged).ifPresent(configs::add);
        }
        return new HaDiscoveryMessage.Configs(configs, Optional.of(key));
    }

    private static Optional<HaConfig> entity(String key, HaComponent component, String objectId, Map<String, Object> raw) {
        Map<String, Object> values = resolveBase(raw);
        HaOptions options = new HaOptions(values);
        if (!missing(component, values).isEmpty()) return Optional.empty();
        return Optional.of(new HaConfig(key, component, options.text("object_id", objectId), options.text("unique_id"),
                options.text("name"), device(values.get("device")), availability(options, values.get("availability")),
                origin(values.get("origin")), options));
    }

    /** What a component cannot do without, as Home Assistant's schema requires it; empty when all is there. */
    private static String missing(HaComponent component, Map<String, Object> values) {
        List<String> required = switch (component) {
            case SENSOR, BINARY_SENSOR -> List.of("state_topic");
            case SWITCH, LOCK, FAN, NUMBER, BUTTON -> List.of("command_topic");
            case SELECT -> List.of("command_topic", "options");
            case DEVICE_AUTOMATION -> List.of("automation_type", "topic", "type", "subtype");
            case LIGHT, CLIMATE, COVER -> List.of();
        };
        List<String> absent = required.stream().filter(k -> !new HaOptions(values).has(k)).toList();
        return absent.isEmpty() ? "" : component.topicName() + " config without " + String.join(", ", absent);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> expand(Map<String, Object> raw, Map<String, String> abbreviations) {
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            String full = abbreviations.getOrDefault(k, k);
            if (full.equals("device") && v instanceof Map<?, ?> m) v = expand((Map<String, Object>) m, HaAbbreviations.DEVICE);
            if (full.equals("availability") && v instanceof List<?> list) {
                v = list.stream().map(e -> e instanceof Map<?, ?> m ? expand((Map<String, Object>) m, abbreviations) : e).toList();
            }
            // A full name written beside its abbreviation wins, as in Home Assistant.
            if (!out.containsKey(full) || full.equals(k)) out.put(full, v);
        });
        return out;
    }

    /** Replaces {@code ~} at the start or end of every {@code …topic} value (also inside the availability list). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolveBase(Map<String, Object> values) {
        if (!(values.get("~") instanceof String base)) return values;
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.equals("availability") && v instanceof List<?> list) {
                v = list.stream().map(e -> e instanceof Map<?, ?> m ? withBase((Map<String, Object>) m, base) : e).toList();
            }
            out.put(k, k.endsWith("topic") && v instanceof String s ? withBase(s, base) : v);
        });
        return out;
    }

    private static Map<String, Object> withBase(Map<String, Object> item, String base) {
        Map<String, Object> out = new LinkedHashMap<>(item);
        if (item.get("topic") instanceof String s) out.put("topic", withBase(s, base));
        return out;
    }

    private static String withBase(String topic, String base) {
        if (topic.startsWith("~")) return base + topic.substring(1);
        if (topic.endsWith("~")) return topic.substring(0, topic.length() - 1) + base;
        return topic;
    }

    @SuppressWarnings("unchecked")
    private static Optional<HaDevice> device(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) return Optional.empty();
        HaOptions d = new HaOptions((Map<String, Object>) map);
        List<String> ids = new ArrayList<>(d.texts("identifiers"));
        if (map.get("connections") instanceof List<?> connections) {
            for (Object c : connections) {
                if (c instanceof List<?> pair && pair.size() == 2) ids.add(pair.get(0) + ":" + String.valueOf(pair.get(1)).toLowerCase());
            }
        }
        if (ids.isEmpty()) return Optional.empty();
        return Optional.of(new HaDevice(ids, d.text("name"), d.text("manufacturer"), d.text("model"), d.text("sw_version"),
                d.text("suggested_area")));
    }

    @SuppressWarnings("unchecked")
    private static HaAvailability availability(HaOptions options, Object list) {
        List<HaAvailability.Source> sources = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && new HaOptions((Map<String, Object>) m).has("topic")) {
                    sources.add(source(new HaOptions((Map<String, Object>) m), "topic", "value_template"));
                }
            }
        } else if (options.has("availability_topic")) {
            sources.add(source(options, "availability_topic", "availability_template"));
        }
        return sources.isEmpty() ? HaAvailability.NONE : new HaAvailability(sources);
    }

    private static HaAvailability.Source source(HaOptions o, String topicKey, String templateKey) {
        return new HaAvailability.Source(o.text(topicKey, ""), o.text("payload_available", "online"),
                o.text("payload_not_available", "offline"), o.text(templateKey));
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> origin(Object raw) {
        return raw instanceof Map<?, ?> m ? new HaOptions((Map<String, Object>) m).text("name") : Optional.empty();
    }
}
