package dev.hearth.sim.device;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Zigbee2MQTT: the full state as one JSON object; commands as a JSON object on {@code <topic>/set}. */
public final class JsonStateCodec implements PayloadCodec {
    @Override
    public List<Publication> encodeState(DeviceTopics topics, Map<String, Object> state, Set<String> changed) {
        JsonObject json = new JsonObject();
        state.forEach((key, value) -> json.put(key, PayloadCodec.normalize(value)));
        return List.of(new Publication(topics.stateTopic(), json.encode(), false));
    }

    @Override
    public Optional<Map<String, Object>> decodeCommand(DeviceTopics topics, String topic, byte[] payload) {
        if (!topic.equals(topics.commandFilter())) {
            return Optional.empty();
        }
        try {
            JsonObject json = new JsonObject(new String(payload, StandardCharsets.UTF_8));
            return Optional.of(new LinkedHashMap<>(json.getMap()));
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    @Override
    public String availability(boolean online) {
        return new JsonObject().put("state", online ? "online" : "offline").encode();
    }
}
