package dev.hearth.gateway.device;

import dev.hearth.gateway.commands.CommandEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry turns payloads in both conventions into typed state, and reports only real changes. */
class DeviceRegistryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final DeviceSpec light = new DeviceSpec(new DeviceId("lamp"), "Lamp", "hall", DeviceKind.LIGHT,
            JsonFormat.zigbee2mqtt("z2m/lamp"), DeviceKind.LIGHT.attributes());
    private final DeviceSpec plug = new DeviceSpec(new DeviceId("plug"), "Plug", "kitchen", DeviceKind.SWITCH,
            new ValuePerTopicFormat("homie/plug", "homie/plug/{attribute}/set"), DeviceKind.SWITCH.attributes());
    private final DeviceRegistry registry = new DeviceRegistry(List.of(light, plug), 1024);

    @Test
    void firstReportIsAChangeFromUnknownAndRepeatsAreNot() {
        List<DeviceEvent> first = apply("z2m/lamp", "{\"state\":\"ON\",\"brightness\":120,\"update\":{\"x\":1}}", T0);
        assertThat(first).hasSize(2).allMatch(e -> e instanceof StateChanged s && s.previous().isEmpty());
        assertThat(apply("z2m/lamp", "{\"state\":\"ON\",\"brightness\":120}", T0.plusSeconds(1))).isEmpty();

        List<DeviceEvent> dimmed = apply("z2m/lamp", "{\"state\":\"ON\",\"brightness\":60}", T0.plusSeconds(2));
        assertThat(dimmed).containsExactly(new StateChanged(light.id(), "brightness", Optional.of(Value.of(120)), Value.of(60), T0.plusSeconds(2)));
        AttributeState state = registry.state(light.id()).orElseThrow().attributes().get("state");
        assertThat(state.lastChanged()).isEqualTo(T0);
        assertThat(state.lastUpdated()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aSnapshotKeepsItsValuesAfterLaterMessagesAndCannotBeChanged() {
        // given a snapshot of the lamp after its first report
        apply("z2m/lamp", "{\"state\":\"ON\",\"brightness\":120}", T0);
        DeviceState before = registry.state(light.id()).orElseThrow();

        // when the lamp reports again
        apply("z2m/lamp", "{\"brightness\":60}", T0.plusSeconds(1));

        // then the old snapshot still holds the old values, the new one both, and neither can be written to
        assertThat(before.value("brightness")).contains(Value.of(120));
        DeviceState after = registry.state(light.id()).orElseThrow();
        assertThat(after.value("brightness")).contains(Value.of(60));
        assertThat(after.value("state")).contains(Value.of("ON"));
        assertThat(after.attributes()).containsOnlyKeys("state", "brightness");
        for (Map<String, AttributeState> attributes : List.of(before.attributes(), after.attributes())) {
            AttributeState any = attributes.get("state");
            assertThatThrownBy(() -> attributes.put("state", any)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> attributes.remove("state")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> attributes.entrySet().iterator().next().setValue(any)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> attributes.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(before.attributes()).hasSize(2);
    }

    @Test
    void valuePerTopicAttributesAndHomieAvailabilityAreUnderstood() {
        assertThat(apply("homie/plug/state", "on", T0)).hasSize(1);
        assertThat(apply("homie/plug/power", " 12.5 ", T0)).hasSize(1);
        assertThat(registry.state(plug.id()).orElseThrow().value("state")).contains(Value.of("ON"));
        assertThat(registry.state(plug.id()).orElseThrow().value("power")).contains(Value.of(12.5));

        assertThat(apply("homie/plug/$state", "lost", T0)).containsExactly(
                new AvailabilityChanged(plug.id(), Availability.UNKNOWN, Availability.OFFLINE, T0));
        assertThat(apply("z2m/lamp/availability", "{\"state\":\"online\"}", T0)).hasSize(1);
        assertThat(registry.state(light.id()).orElseThrow().availability()).isEqualTo(Availability.ONLINE);
    }

    @Test
    void rejectedPayloadsAreCountedByReasonAndChangeNothing() {
        apply("z2m/unknown", "{}", T0);
        apply("z2m/lamp", "{not json", T0);
        apply("z2m/lamp", "\"ON\"", T0);
        apply("z2m/lamp", "{\"brightness\":999}", T0);
        apply("z2m/lamp", "{\"pad\":\"" + "x".repeat(2000) + "\"}", T0);
        apply("homie/plug/state", "DIMMED", T0);

        MalformedPayloads m = registry.malformed();
        assertThat(Map.of(Malformed.UNKNOWN_TOPIC, m.count(Malformed.UNKNOWN_TOPIC), Malformed.BAD_JSON, m.count(Malformed.BAD_JSON),
                Malformed.NOT_AN_OBJECT, m.count(Malformed.NOT_AN_OBJECT), Malformed.WRONG_TYPE, m.count(Malformed.WRONG_TYPE),
                Malformed.OVERSIZE, m.count(Malformed.OVERSIZE)))
                .containsEntry(Malformed.UNKNOWN_TOPIC, 1L).containsEntry(Malformed.BAD_JSON, 1L)
                .containsEntry(Malformed.NOT_AN_OBJECT, 1L).containsEntry(Malformed.WRONG_TYPE, 2L).containsEntry(Malformed.OVERSIZE, 1L);
        assertThat(registry.state(light.id()).orElseThrow().attributes()).isEmpty();
    }

    @Test
    void commandsAreValidatedAndEncodedPerConvention() {
        CommandEncoder.Encoded json = CommandEncoder.encode(light, Map.of("state", Value.of("on"), "brightness", Value.of(200)));
        assertThat(json).isInstanceOf(CommandEncoder.Ok.class);
        var p = ((CommandEncoder.Ok) json).publications().get(0);
        assertThat(p.topic()).isEqualTo("z2m/lamp/set");
        assertThat(new String(p.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"brightness\":200,\"state\":\"ON\"}");
        assertThat(p.retained()).isFalse();

        var homie = (CommandEncoder.Ok) CommandEncoder.encode(plug, Map.of("state", Value.of("OFF")));
        assertThat(homie.publications()).singleElement().satisfies(x -> {
            assertThat(x.topic()).isEqualTo("homie/plug/state/set");
            assertThat(new String(x.payload(), StandardCharsets.UTF_8)).isEqualTo("OFF");
        });

        CommandEncoder.Encoded refused = CommandEncoder.encode(plug, Map.of("power", Value.of(5), "colour", Value.of(1)));
        assertThat(refused).isInstanceOf(CommandEncoder.Invalid.class);
        assertThat(((CommandEncoder.Invalid) refused).problems())
                .containsExactlyInAnyOrder("plug.power is read-only", "plug has no attribute 'colour'");
    }

    @Test
    void jsonCommandsWriteWholeNumbersWithoutAFractionAndKeepFractions() {
        DeviceSpec thermostat = new DeviceSpec(new DeviceId("heat"), "Heat", "living", DeviceKind.THERMOSTAT,
                JsonFormat.zigbee2mqtt("z2m/heat"), DeviceKind.THERMOSTAT.attributes());

        var half = (CommandEncoder.Ok) CommandEncoder.encode(thermostat,
                Map.of("occupied_heating_setpoint", Value.of(21.5), "system_mode", Value.of("heat")));
        var whole = (CommandEncoder.Ok) CommandEncoder.encode(thermostat, Map.of("occupied_heating_setpoint", Value.of(20)));

        assertThat(new String(half.publications().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"occupied_heating_setpoint\":21.5,\"system_mode\":\"heat\"}");
        assertThat(new String(whole.publications().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"occupied_heating_setpoint\":20}");
    }

    private List<DeviceEvent> apply(String topic, String payload, Instant at) {
        Optional<TopicRoutes.Route> route = registry.routes().route(topic);
        if (route.isEmpty()) {
            registry.unknownTopic(topic, at);
            return List.of();
        }
        return registry.apply(route.get(), payload.getBytes(StandardCharsets.UTF_8), at);
    }
}
