package dev.hearth.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodecTest {
    private final DeviceTopics z2m = DeviceTopics.zigbee2mqtt("zigbee2mqtt/floor/hall_light");
    private final DeviceTopics vpt = DeviceTopics.valuePerTopic("homie/kitchen_plug");

    private static Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", "ON");
        state.put("brightness", 254.0);
        state.put("temperature", 21.5);
        state.put("occupancy", true);
        return state;
    }

    @Test
    void zigbee2mqttPublishesTheWholeStateAsJson() {
        var out = z2m.codec().encodeState(z2m, state(), Set.of("state"));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).topic()).isEqualTo("zigbee2mqtt/floor/hall_light");
        assertThat(new JsonObject(out.get(0).payload()).getMap())
                .containsEntry("state", "ON").containsEntry("brightness", 254)
                .containsEntry("temperature", 21.5).containsEntry("occupancy", true);
        assertThat(out.get(0).payload()).contains("\"brightness\":254,");
    }

    @Test
    void valuePerTopicPublishesOnePlainValuePerChangedAttribute() {
        var out = vpt.codec().encodeState(vpt, state(), Set.of("brightness", "temperature", "occupancy", "state"));
        assertThat(out).extracting(Publication::topic, Publication::payload).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("homie/kitchen_plug/brightness", "254"),
                org.assertj.core.groups.Tuple.tuple("homie/kitchen_plug/temperature", "21.5"),
                org.assertj.core.groups.Tuple.tuple("homie/kitchen_plug/occupancy", "true"),
                org.assertj.core.groups.Tuple.tuple("homie/kitchen_plug/state", "ON"));
    }

    @Test
    void topicsFollowTheConvention() {
        assertThat(z2m.commandFilter()).isEqualTo("zigbee2mqtt/floor/hall_light/set");
        assertThat(z2m.availabilityTopic()).isEqualTo("zigbee2mqtt/floor/hall_light/availability");
        assertThat(z2m.onlinePayload()).isEqualTo("{\"state\":\"online\"}");
        assertThat(z2m.offlinePayload()).isEqualTo("{\"state\":\"offline\"}");
        assertThat(vpt.commandFilter()).isEqualTo("homie/kitchen_plug/+/set");
        assertThat(vpt.commandTopic("state")).isEqualTo("homie/kitchen_plug/state/set");
        assertThat(vpt.availabilityTopic()).isEqualTo("homie/kitchen_plug/$state");
        assertThat(vpt.onlinePayload()).isEqualTo("ready");
        assertThat(vpt.offlinePayload()).isEqualTo("lost");
    }

    @Test
    void decodesCommands() {
        assertThat(z2m.codec().decodeCommand(z2m, "zigbee2mqtt/floor/hall_light/set",
                bytes("{\"state\":\"ON\",\"brightness\":100}")))
                .hasValue(Map.of("state", "ON", "brightness", 100));
        assertThat(z2m.codec().decodeCommand(z2m, "zigbee2mqtt/floor/hall_light/set", bytes("{not json")))
                .isEmpty();
        assertThat(vpt.codec().decodeCommand(vpt, "homie/kitchen_plug/state/set", bytes("ON")))
                .hasValue(Map.of("state", "ON"));
        assertThat(vpt.codec().decodeCommand(vpt, "homie/kitchen_plug/brightness/set", bytes("12")))
                .hasValue(Map.of("brightness", 12.0));
        assertThat(vpt.codec().decodeCommand(vpt, "homie/kitchen_plug/on/set", bytes("true")))
                .hasValue(Map.of("on", true));
        assertThat(vpt.codec().decodeCommand(vpt, "homie/other/state/set", bytes("ON"))).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
