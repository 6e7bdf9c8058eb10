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

    /**
     * Zigbee2MQTT's read request: {@code {"state":"","brightness":""}} on {@code <state>/get}, for the attributes its
     * exposes mark gettable (access bit 4) and reported on the state topic. The device answers on the state topic.
     */
    @Override
    public Optional<Command> stateRequest(Map<String, AttributeSpec> attributes) {
        if (!commandTopic.equals(stateTopic + "/set")) return Optional.empty();
        List<AttributeSpec> asked = attributes.values().stream()
                .filter(a -> a.access().gettable() && a.mapping().topic().isEmpty())
                .toList();
        if (asked.isEmpty()) return Optional.empty();
        return Optional.of(new Command(stateTopic + "/get", JsonCommand.readRequest(asked)));
    }

    @Override
    public List<Command> encode(Map<String, AttributeSpec> attributes, SortedMap<String, Value> values) {
        return List.of(new Command(commandTopic, JsonCommand.of(attributes, LightCommands.zigbee2mqtt(values))));
    }
}
