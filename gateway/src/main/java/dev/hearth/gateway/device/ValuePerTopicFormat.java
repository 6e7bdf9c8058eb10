package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.YamlMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Homie style: one plain value per attribute on {@code <base>/<attribute>}; a command per attribute on the command
 * pattern ({@code <base>/{attribute}/set} by default); availability on {@code <base>/$state}.
 */
public record ValuePerTopicFormat(String base, String commandPattern) implements DeviceFormat {
    public static final String NAME = "value_per_topic";
    public static final String ATTRIBUTE_PLACEHOLDER = "{attribute}";
    public static final DeviceFormats.Kind KIND = new DeviceFormats.Kind(NAME, ValuePerTopicFormat::read);

    private static Optional<DeviceFormat> read(YamlMap d) {
        Optional<String> base = DeviceFormats.requiredTopic(d, "state_topic");
        Optional<String> pattern = DeviceFormats.topic(d, "command_topic");
        if (pattern.isPresent() && !pattern.get().contains(ATTRIBUTE_PLACEHOLDER)) {
            d.problemAtKey("command_topic", "a value_per_topic command_topic must contain " + ATTRIBUTE_PLACEHOLDER
                    + ", for example cmnd/plug/{attribute}");
            return Optional.empty();
        }
        return base.map(b -> new ValuePerTopicFormat(b, pattern.orElse(b + "/" + ATTRIBUTE_PLACEHOLDER + "/set")));
    }

    @Override
    public String yamlName() {
        return NAME;
    }

    @Override
    public Optional<String> availabilityTopic() {
        return Optional.of(base + "/$state");
    }

    /** The topic segment is the attribute's source (a path is a deeper topic), or its name. */
    @Override
    public List<Source> sources(AttributeSpec attribute) {
        return List.of(new Source(base + "/" + String.join("/", DeviceFormat.pathOf(attribute)), List.of()));
    }

    @Override
    public List<Command> encode(Map<String, AttributeSpec> attributes, SortedMap<String, Value> values) {
        List<Command> out = new ArrayList<>(values.size());
        values.forEach((name, value) -> {
            AttributeSpec spec = attributes.get(name);
            String segment = String.join("/", DeviceFormat.pathOf(spec));
            out.add(new Command(commandPattern.replace(ATTRIBUTE_PLACEHOLDER, segment), spec.mapping().toPayload(value)));
        });
        return out;
    }
}
