package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.YamlMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Anything else: every attribute says where it is reported ({@code topic}, {@code source}) and how it is set
 * ({@code command}) in its mapping; the device has no availability topic unless one is given. What Home Assistant
 * discovery produces, entity by entity.
 */
public record MappedFormat() implements DeviceFormat {
    public static final String NAME = "mapped";
    public static final DeviceFormats.Kind KIND = new DeviceFormats.Kind(NAME, MappedFormat::read);

    private static Optional<DeviceFormat> read(YamlMap d) {
        return Optional.of(new MappedFormat());
    }

    @Override
    public String yamlName() {
        return NAME;
    }

    @Override
    public Optional<String> availabilityTopic() {
        return Optional.empty();
    }

    /** None of its own: an attribute without a topic in its mapping is not reported. */
    @Override
    public List<Source> sources(AttributeSpec attribute) {
        return List.of();
    }

    /** Only through the attribute's own command template. */
    @Override
    public boolean commands(AttributeSpec attribute) {
        return false;
    }

    @Override
    public List<Command> encode(Map<String, AttributeSpec> attributes, SortedMap<String, Value> values) {
        if (!values.isEmpty()) throw new IllegalArgumentException("a mapped device is commanded by its templates only: " + values.keySet());
        return List.of();
    }
}
