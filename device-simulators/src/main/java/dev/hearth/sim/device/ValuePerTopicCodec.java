package dev.hearth.sim.device;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Homie/Tasmota-like: each attribute as a plain string on {@code <base>/<attribute>}. */
public final class ValuePerTopicCodec implements PayloadCodec {
    private static final String SET = "/set";

    @Override
    public List<Publication> encodeState(DeviceTopics topics, Map<String, Object> state, Set<String> changed) {
        return changed.stream()
                .filter(state::containsKey)
                .map(key -> new Publication(topics.attributeTopic(key),
                        String.valueOf(PayloadCodec.normalize(state.get(key))), false))
                .toList();
    }

    @Override
    public Optional<Map<String, Object>> decodeCommand(DeviceTopics topics, String topic, byte[] payload) {
        String prefix = topics.base() + "/";
        if (!topic.startsWith(prefix) || !topic.endsWith(SET)) {
            return Optional.empty();
        }
        String attribute = topic.substring(prefix.length(), topic.length() - SET.length());
        if (attribute.isEmpty() || attribute.contains("/")) {
            return Optional.empty();
        }
        return Optional.of(Map.of(attribute, parse(new String(payload, StandardCharsets.UTF_8).trim())));
    }

    @Override
    public String availability(boolean online) {
        return online ? "ready" : "lost";
    }

    /** Plain values carry no type: booleans and numbers are recognised, anything else stays text. */
    static Object parse(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
