package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlDocument;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.hearth.gateway.device.DeviceFormatsTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs that are pressed rather than switched are events, each press one, in the formats of devices written by
 * hand: a Shelly Gen2 input's {@code NotifyEvent} ({@code single_push}, {@code long_push}…) and a Tasmota switch
 * detached with SetOption114 ({@code {"Switch1":{"Action":"TOGGLE"}}}), with the real payloads of their documentation
 * (resources/devices, sources in SOURCES.md). Before: the Shelly event was never read (it sits in a list), and a
 * Tasmota {@code switch1} event read nothing.
 */
class InputEventsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String DEVICES = """
            devices:
              - id: hall_i4
                kind: button
                format: shelly_gen2
                topic: shellyplusi4-a8032ab12345
                attributes:
                  garden: { type: event, source: "input:1" }
                  door_closed: { type: boolean, source: "input:1.state" }
              - id: stairs
                kind: generic
                format: tasmota
                topic: stairs_1
                attributes:
                  switch1: { type: event }
            """;

    private final DeviceRegistry registry = new DeviceRegistry(read(), 64 * 1024);
    private final DeviceId i4 = new DeviceId("hall_i4");
    private final DeviceId stairs = new DeviceId("stairs");

    private static List<DeviceSpec> read() {
        Problems problems = new Problems();
        List<DeviceSpec> devices = YamlDocument.parse(DEVICES, "devices.yaml", problems)
                .map(root -> new DevicesFileReader().read("devices.yaml", root, problems).devices()).orElse(List.of());
        assertThat(problems.list()).isEmpty();
        return devices;
    }

    @Test
    void aShellyButtonsActionIsEachPushOfItsFirstInputAndAnotherInputIsAnEventAttributeOfItsOwn() {
        List<DeviceEvent> first = apply("shellyplusi4-a8032ab12345/events/rpc", fixture("shelly-events-rpc-single_push.json"));
        List<DeviceEvent> second = apply("shellyplusi4-a8032ab12345/events/rpc", fixture("shelly-events-rpc-single_push.json"));
        List<DeviceEvent> other = apply("shellyplusi4-a8032ab12345/events/rpc", fixture("shelly-events-rpc-long_push.json"));

        assertThat(first).containsExactly(new EventReported(i4, "action", "single_push", T0));
        assertThat(second).as("the same press twice is two events").containsExactly(new EventReported(i4, "action", "single_push", T0));
        assertThat(other).containsExactly(new EventReported(i4, "garden", "long_push", T0));
        assertThat(registry.malformed().count(Malformed.WRONG_TYPE)).isZero();
    }

    @Test
    void aShellyInputsStateIsReadFromItsStatus() {
        apply("shellyplusi4-a8032ab12345/status/input:1", fixture("shelly-status-input1.json"));

        assertThat(registry.state(i4).flatMap(s -> s.value("door_closed"))).contains(Value.of(true));
    }

    @Test
    void aDetachedTasmotaSwitchsActionIsAnEventEachTime() {
        List<DeviceEvent> first = apply("stat/stairs_1/RESULT", fixture("tasmota-stat-RESULT-switch1-toggle.json"));
        List<DeviceEvent> second = apply("stat/stairs_1/RESULT", fixture("tasmota-stat-RESULT-switch1-toggle.json"));
        List<DeviceEvent> on = apply("stat/stairs_1/RESULT", fixture("tasmota-stat-RESULT-switch1-on.json"));

        assertThat(first).containsExactly(new EventReported(stairs, "switch1", "toggle", T0));
        assertThat(second).containsExactly(new EventReported(stairs, "switch1", "toggle", T0));
        assertThat(on).containsExactly(new EventReported(stairs, "switch1", "on", T0));
    }

    @Test
    void aListOfManyEventsIsReadBoundedAndAMalformedOneChangesNothing() {
        String many = "{\"method\":\"NotifyEvent\",\"params\":{\"events\":[" + "{\"component\":\"input:3\",\"event\":\"x\"},".repeat(1000)
                + "{\"component\":\"input:0\",\"event\":\"double_push\"}]}}";
        assertThat(apply("shellyplusi4-a8032ab12345/events/rpc", many.getBytes())).as("past the first 16 elements").isEmpty();
        assertThat(apply("shellyplusi4-a8032ab12345/events/rpc", "{\"params\":{\"events\":[{\"component\":\"input:0\"".getBytes())).isEmpty();
        assertThat(registry.malformed().count(Malformed.BAD_JSON)).isEqualTo(1);
    }

    private List<DeviceEvent> apply(String topic, byte[] payload) {
        return registry.apply(registry.routes().route(topic).orElseThrow(() -> new AssertionError("no route for " + topic)), payload, T0);
    }
}
