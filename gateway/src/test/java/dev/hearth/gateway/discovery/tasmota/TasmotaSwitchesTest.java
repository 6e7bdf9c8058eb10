package dev.hearth.gateway.discovery.tasmota;

import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.DeviceKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switches a Tasmota discovery config lists ({@code swc} their SwitchModes, {@code swn} their names) are event
 * attributes: detached (SetOption114) they send {@code {"Switch1":{"Action":"TOGGLE"}}} on {@code stat/<t>/RESULT},
 * and every action is an event, as the mode makes it (fixture: Home Assistant's Tasmota device-trigger test config,
 * sources in resources/discovery/tasmota/SOURCES.md). Before: switches were not read at all.
 */
class TasmotaSwitchesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final TasmotaConfig config = TasmotaDiscoveryParserTest.config("detached-switches.config.json");

    @Test
    void eachPresentSwitchHasTheEventsOfItsModeUnderItsName() {
        assertThat(config.switches()).extracting(TasmotaConfig.Switch::number).containsExactly(1, 2, 3);
        assertThat(config.switches().get(0).actions()).isEqualTo(Map.of("TOGGLE", "toggle"));
        assertThat(config.switches().get(1).actions()).isEqualTo(Map.of("ON", "on", "OFF", "off"));
        assertThat(config.switches().get(2).name()).isEqualTo("custom_switch");
        assertThat(config.switches().get(2).actions()).isEqualTo(Map.of("HOLD", "double", "ON", "on", "OFF", "off"));
        assertThat(config.switches().get(0).topic()).isEqualTo("tasmota_49A3BC/stat/RESULT");
    }

    @Test
    void everyActionIsAnEventEvenTheSameTwice() {
        DeviceSpec spec = TasmotaSpecs.spec(config, List.of());
        DeviceRegistry registry = new DeviceRegistry(List.of(spec), 64 * 1024);
        assertThat(spec.kind()).isEqualTo(DeviceKind.BUTTON);

        List<DeviceEvent> first = apply(registry, "{\"Switch1\":{\"Action\":\"TOGGLE\"}}");
        List<DeviceEvent> again = apply(registry, "{\"Switch1\":{\"Action\":\"TOGGLE\"}}");
        List<DeviceEvent> custom = apply(registry, "{\"custom_switch\":{\"Action\":\"HOLD\"}}");
        List<DeviceEvent> follow = apply(registry, "{\"Switch2\":{\"Action\":\"ON\"}}");

        assertThat(first).containsExactly(new EventReported(spec.id(), "switch1", "toggle", T0));
        assertThat(again).containsExactly(new EventReported(spec.id(), "switch1", "toggle", T0));
        assertThat(custom).containsExactly(new EventReported(spec.id(), "switch3", "double", T0));
        assertThat(follow).containsExactly(new EventReported(spec.id(), "switch2", "on", T0));
    }

    @Test
    void aConfigWithoutSwitchesHasNone() {
        assertThat(TasmotaDiscoveryParserTest.config("sonoff-basic.config.json").switches()).isEmpty();
    }

    private static List<DeviceEvent> apply(DeviceRegistry registry, String payload) {
        return registry.apply(registry.routes().route("tasmota_49A3BC/stat/RESULT").orElseThrow(),
                payload.getBytes(StandardCharsets.UTF_8), T0);
    }
}
