package dev.hearth.gateway.device;

import dev.hearth.gateway.commands.CommandEncoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each format reads the real payloads of its devices (fixtures under resources/devices, sources in SOURCES.md) into
 * typed values, and writes commands as those devices take them.
 */
class DeviceFormatsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final DeviceSpec bulb = new DeviceSpec(new DeviceId("bulb"), "Bulb", "", DeviceKind.LIGHT,
            JsonFormat.zigbee2mqtt("zigbee2mqtt/bulb"), DeviceKind.LIGHT.attributes());
    private final DeviceSpec valve = new DeviceSpec(new DeviceId("valve"), "Valve", "", DeviceKind.THERMOSTAT,
            JsonFormat.zigbee2mqtt("zigbee2mqtt/valve"), DeviceKind.THERMOSTAT.attributes());
    private final DeviceSpec button = new DeviceSpec(new DeviceId("button"), "Button", "", DeviceKind.BUTTON,
            JsonFormat.zigbee2mqtt("zigbee2mqtt/button"), DeviceKind.BUTTON.attributes());
    private final DeviceSpec plug = spec("plug", DeviceKind.SWITCH, new TasmotaFormat("plug_1"));
    private final DeviceSpec relay = spec("relay", DeviceKind.SWITCH, new ShellyGen2Format("shellyplus1pm-a8032ab12345"));
    private final DeviceRegistry registry = new DeviceRegistry(List.of(bulb, valve, button, plug, relay), 64 * 1024);

    @Test
    void aColourBulbsColourIsAStructuredValueAndIsCommandedAsZigbee2mqttsObject() {
        apply("zigbee2mqtt/bulb", fixture("z2m-LED1624G9.json"));

        assertThat(value(bulb, "color")).contains(Value.of(Map.of("x", Value.of(0.4599), "y", Value.of(0.4106))));
        assertThat(value(bulb, "color").map(Value::toString)).contains("{\"x\":0.4599,\"y\":0.4106}");
        assertThat(value(bulb, "brightness")).contains(Value.of(254));
        assertThat(payloads(bulb, Map.of("color", Value.of(Map.of("x", Value.of(0.3), "y", Value.of(0.2))))))
                .containsExactly("zigbee2mqtt/bulb/set {\"color\":{\"x\":0.3,\"y\":0.2}}");
    }

    @Test
    void lightWordsAreWrittenInZigbee2mqttsSpelling() {
        AttributeSpec xy = bulb.attribute("xy").orElseThrow();
        Value colour = xy.accept(List.of(0.3, 0.4)).orElseThrow();

        assertThat(payloads(bulb, Map.of("xy", colour, "transition", Value.of(2), "brightness_step", Value.of(-40))))
                .containsExactly("zigbee2mqtt/bulb/set {\"brightness_step\":-40,\"color\":{\"x\":0.3,\"y\":0.4},\"transition\":2}");
        assertThat(payloads(bulb, Map.of("color_temp_kelvin", Value.of(2700))))
                .containsExactly("zigbee2mqtt/bulb/set {\"color_temp\":370}");
        assertThat(payloads(bulb, Map.of("hs", bulb.attribute("hs").orElseThrow().accept(Map.of("hue", 240, "saturation", 100)).orElseThrow())))
                .containsExactly("zigbee2mqtt/bulb/set {\"color\":{\"hue\":240,\"saturation\":100}}");
        assertThat(CommandEncoder.encode(bulb, Map.of("color_temp_kelvin", Value.of(10_000))))
                .isInstanceOfSatisfying(CommandEncoder.Invalid.class, i -> assertThat(i.problems())
                        .containsExactly("bulb.color_temp_kelvin must be a number from 2000 to 6666, got 10000"));
    }

    @Test
    void theTuyaValvesSetpointIsReadAndCommandedUnderItsOwnName() {
        apply("zigbee2mqtt/valve", fixture("z2m-TS0601_thermostat.json"));

        assertThat(value(valve, "current_heating_setpoint")).contains(Value.of(21.5));
        assertThat(value(valve, "local_temperature")).contains(Value.of(19.5));
        assertThat(value(valve, "system_mode")).contains(Value.of("heat"));
        assertThat(payloads(valve, Map.of("current_heating_setpoint", Value.of(22))))
                .containsExactly("zigbee2mqtt/valve/set {\"current_heating_setpoint\":22}");
    }

    @Test
    void aButtonsActionIsAnEventEachTimeAndItsResetIsNone() {
        List<DeviceEvent> first = apply("zigbee2mqtt/button", fixture("z2m-WXKG01LM-single.json"));
        List<DeviceEvent> reset = apply("zigbee2mqtt/button", fixture("z2m-WXKG01LM-reset.json"));
        List<DeviceEvent> second = apply("zigbee2mqtt/button", fixture("z2m-WXKG01LM-single.json"));

        assertThat(first).contains(new EventReported(button.id(), "action", "single", T0));
        assertThat(reset).noneMatch(e -> e instanceof EventReported);
        assertThat(second).containsExactly(new EventReported(button.id(), "action", "single", T0));
        assertThat(registry.malformed().count(Malformed.WRONG_TYPE)).isZero();
        assertThat(value(button, "action")).isEmpty();
    }

    @Test
    void aTasmotaPlugIsReadFromItsOwnTopicsAndCommandedOnCmndPower() {
        apply("stat/plug_1/POWER", fixture("tasmota-stat-POWER.txt"));
        assertThat(value(plug, "state")).contains(Value.of("ON"));
        apply("stat/plug_1/RESULT", fixture("tasmota-stat-RESULT.json"));
        assertThat(value(plug, "state")).contains(Value.of("OFF"));
        apply("tele/plug_1/STATE", fixture("tasmota-tele-STATE.json"));
        assertThat(value(plug, "state")).contains(Value.of("ON"));
        apply("tele/plug_1/SENSOR", fixture("tasmota-tele-SENSOR.json"));
        assertThat(value(plug, "power")).contains(Value.of(5));
        assertThat(value(plug, "energy")).contains(Value.of(3.705));
        apply("tele/plug_1/LWT", fixture("tasmota-tele-LWT-offline.txt"));
        assertThat(registry.state(plug.id()).orElseThrow().availability()).isEqualTo(Availability.OFFLINE);

        assertThat(payloads(plug, Map.of("state", Value.of("OFF")))).containsExactly("cmnd/plug_1/POWER OFF");
        assertThat(plug.attribute("power").orElseThrow().writable()).isFalse();
        assertThat(plug.attributes()).doesNotContainKey("linkquality");
    }

    @Test
    void aShellyGen2SwitchIsReadFromItsStatusAndNotificationsAndCommandedByJsonRpc() {
        apply("shellyplus1pm-a8032ab12345/status/switch:0", fixture("shelly-status-switch0.json"));
        assertThat(value(relay, "state")).contains(Value.of("ON"));
        assertThat(value(relay, "power")).contains(Value.of(8.9));
        assertThat(value(relay, "energy")).as("Wh as kWh").contains(Value.of(0.006532));
        apply("shellyplus1pm-a8032ab12345/events/rpc", fixture("shelly-events-rpc.json"));
        assertThat(value(relay, "state")).contains(Value.of("OFF"));
        apply("shellyplus1pm-a8032ab12345/online", fixture("shelly-online-true.txt"));
        assertThat(registry.state(relay.id()).orElseThrow().availability()).isEqualTo(Availability.ONLINE);

        List<String> rpc = payloads(relay, Map.of("state", Value.of("ON")));
        assertThat(rpc).singleElement().asString().startsWith("shellyplus1pm-a8032ab12345/rpc {\"id\":")
                .endsWith(",\"src\":\"hearth\",\"method\":\"Switch.Set\",\"params\":{\"id\":0,\"on\":true}}");
    }

    @Test
    void homiesTrueAndFalseAreASwitchsOnAndOff() {
        AttributeSpec state = DeviceKind.SWITCH.attributes().get("state");
        assertThat(state.accept("true")).contains(Value.of("ON"));
        assertThat(state.accept(false)).contains(Value.of("OFF"));
    }

    @Test
    void aMappedAttributeComesFromItsPathThroughItsValueMapAndIsSetByItsTemplate() {
        AttributeSpec relayState = AttributeSpec.options("state", "ON", "OFF").settable().withMapping(AttributeMapping.NONE
                .withTopic("esp/relay").withSource(AttributeMapping.path("relay.on")).withValues(AttributeMapping.onOff("1", "0"))
                .withCommand(new AttributeMapping.CommandTemplate("esp/relay/set", "{\"on\":{value}}")));
        DeviceSpec esp = new DeviceSpec(new DeviceId("esp"), "ESP", "", DeviceKind.GENERIC, new MappedFormat(),
                Optional.empty(), Map.of("state", relayState));
        DeviceRegistry mapped = new DeviceRegistry(List.of(esp), 1024);

        mapped.apply(mapped.routes().route("esp/relay").orElseThrow(), "{\"relay\":{\"on\":1}}".getBytes(StandardCharsets.UTF_8), T0);

        assertThat(mapped.state(esp.id()).flatMap(s -> s.value("state"))).contains(Value.of("ON"));
        assertThat(payloads(esp, Map.of("state", Value.of("OFF")))).containsExactly("esp/relay/set {\"on\":0}");
    }

    @Test
    void aRoundedValueConfirmsWithinTheAttributesStep() {
        AttributeSpec setpoint = valve.attribute("current_heating_setpoint").orElseThrow();
        assertThat(setpoint.confirms(Value.of(21.5), Value.of(21.3))).isTrue();
        assertThat(setpoint.confirms(Value.of(22.5), Value.of(21.3))).isFalse();
        AttributeSpec color = bulb.attribute("color").orElseThrow();
        Value asked = color.accept(Map.of("hue", 240, "saturation", 100)).orElseThrow();
        Value reported = color.accept(Map.of("x", 0.1355, "y", 0.0399)).orElseThrow();
        assertThat(color.confirms(reported, asked)).as("nothing to compare: the report counts").isTrue();
    }

    private static DeviceSpec spec(String id, DeviceKind kind, DeviceFormat format) {
        Map<String, AttributeSpec> attributes = new java.util.LinkedHashMap<>();
        kind.attributes().values().forEach(a -> format.shortcut(a).ifPresent(s -> attributes.put(s.name(), s)));
        return new DeviceSpec(new DeviceId(id), id, "", kind, format, attributes);
    }

    private List<DeviceEvent> apply(String topic, byte[] payload) {
        return registry.apply(registry.routes().route(topic).orElseThrow(() -> new AssertionError("no route for " + topic)), payload, T0);
    }

    private Optional<Value> value(DeviceSpec device, String attribute) {
        return registry.state(device.id()).flatMap(s -> s.value(attribute));
    }

    private static List<String> payloads(DeviceSpec device, Map<String, Value> set) {
        CommandEncoder.Encoded encoded = CommandEncoder.encode(device, set);
        assertThat(encoded).isInstanceOf(CommandEncoder.Ok.class);
        return ((CommandEncoder.Ok) encoded).publications().stream()
                .map(p -> p.topic() + " " + new String(p.payload(), StandardCharsets.UTF_8)).toList();
    }

    static byte[] fixture(String name) {
        try (InputStream in = DeviceFormatsTest.class.getResourceAsStream("/devices/" + name)) {
            if (in == null) throw new AssertionError("no fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
