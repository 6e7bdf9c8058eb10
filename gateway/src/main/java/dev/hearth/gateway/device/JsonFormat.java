package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.YamlMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Zigbee2MQTT's JSON: one object with every attribute on the state topic (nested values by their path), and a
 * command as one object on the command topic ({@code <state>/set}), light words in Zigbee2MQTT's spelling.
 */
public record JsonFormat(String stateTopic, String commandTopic) implements DeviceFormat {
    public static final String NAME = "json";
    public static final DeviceFormats.Kind KIND = new DeviceFormats.Kind(NAME, JsonFormat::read);

    /** Zigbee2MQTT's layout for one state topic: commands on {@code <state>/set}. */
    public static JsonFormat zigbee2mqtt(String stateTopic) {
        return new JsonFormat(stateTopic, stateTopic + "/set");
    }

    private static Optional<DeviceFormat> read(YamlMap d) {
        Optional<String> state = DeviceFormats.requiredTopic(d, "state_topic");
        Optional<String> command = DeviceFormats.topic(d, "command_topic");
        return state.map(s -> new JsonFormat(s, command.orElse(s + "/set")));
    }

    @Override
    public String yamlName() {
        return NAME;
    }

    @Override
    public Optional<String> availabilityTopic() {
        return Optional.of(stateTopic + "/availability");
    }

    @Override
    public List<Source> sources(AttributeSpec attribute) {
        return List.of(new Source(stateTopic, DeviceFormat.pathOf(attribute)));
    }

    @Override
    public List<Command> encode(Map<String, AttributeSpec> attributes, SortedMap<String, Value> values) {
        return List.of(new Command(commandTopic, JsonCommand.of(attributes, LightCommands.zigbee2mqtt(values))));
    }
}
