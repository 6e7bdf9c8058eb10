package dev.hearth.bench.reliability;

import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.JsonFormat;
import dev.hearth.gateway.device.TopicRoutes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz counts on every payload it makes being refused by the gateway's decoder: one that is valid after all is
 * applied and not counted, and the run fails though the gateway did right (seed 42 made {"occupancy":"1"} three
 * times in 30,000, a boolean the gateway reads as true).
 */
class FuzzPayloadsTest {
    private static final Instant AT = Instant.parse("2026-12-07T20:00:00Z");

    @Test
    void everyPayloadOfTheRunsSeedIsRefusedAndCounted() {
        // given the fuzz's motion sensor and payload limit
        DeviceSpec motion = new DeviceSpec(new DeviceId("motion"), "Motion", "hall", DeviceKind.MOTION_SENSOR,
                JsonFormat.zigbee2mqtt("z/m"), DeviceKind.MOTION_SENSOR.attributes());
        DeviceRegistry registry = new DeviceRegistry(List.of(motion), Fuzz.MAX_PAYLOAD_BYTES);
        TopicRoutes.Route route = registry.routes().route("z/m").orElseThrow();
        Random random = new Random(42);
        List<String> accepted = new ArrayList<>();

        // when the run's payloads are decoded
        for (int n = 0; n < 30_000; n++) {
            byte[] payload = Fuzz.payload(n, random);
            long before = registry.malformed().total();
            List<DeviceEvent> events = registry.apply(route, payload, AT);
            if (registry.malformed().total() != before + 1 || !events.isEmpty()) {
                accepted.add(n + ": " + new String(payload, 0, Math.min(payload.length, 80), StandardCharsets.UTF_8));
            }
        }

        // then each was counted once and none applied
        assertThat(accepted).isEmpty();
        assertThat(registry.state(motion.id()).orElseThrow().attributes()).isEmpty();
    }
}
