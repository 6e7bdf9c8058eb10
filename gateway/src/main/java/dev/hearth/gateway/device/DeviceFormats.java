package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.YamlMap;

import java.util.List;
import java.util.Optional;

/**
 * Every device format by its devices.yaml name: where a new format is registered (its {@code KIND} here, its class
 * in {@link DeviceFormat}'s permits). A format's reader takes its own keys from the device's entry.
 */
public final class DeviceFormats {
    /** A format as devices.yaml names it, and how it reads its keys ({@code state_topic}, {@code topic}, …). */
    public record Kind(String name, Reader reader) {
    }

    @FunctionalInterface
    public interface Reader {
        /** The format, or empty with its problems added to {@code device}. */
        Optional<DeviceFormat> read(YamlMap device);
    }

    public static final List<Kind> ALL = List.of(JsonFormat.KIND, ValuePerTopicFormat.KIND, TasmotaFormat.KIND,
            ShellyGen2Format.KIND, MappedFormat.KIND);
    public static final List<String> NAMES = ALL.stream().map(Kind::name).toList();

    private DeviceFormats() {
    }

    public static Optional<Kind> named(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** A concrete topic under {@code key} (no wildcard, no leading $), or empty with a problem. */
    static Optional<String> topic(YamlMap d, String key) {
        return d.text(key).filter(t -> topicOk(d, key, t));
    }

    static Optional<String> requiredTopic(YamlMap d, String key) {
        if (!d.has(key)) d.missing(key);
        return topic(d, key);
    }

    static boolean topicOk(YamlMap d, String key, String topic) {
        String t = topic.replace(ValuePerTopicFormat.ATTRIBUTE_PLACEHOLDER, "x");
        if (t.isBlank() || t.contains("+") || t.contains("#") || t.startsWith("$")) {
            d.problemAtKey(key, "'" + key + "' must be a concrete topic without wildcards (+, #) or a leading $");
            return false;
        }
        return true;
    }
}
