package dev.hearth.gateway.history;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A colour bulb's colour goes into its history as its JSON (it failed with a ClassCastException before). */
class CompositeHistoryTest {
    @Test
    void aCompositeValueIsKeptAsItsJson() {
        HistoryChunk.Accumulator series = new HistoryChunk.Accumulator(new DeviceId("bulb"), "color");
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        series.add(at, Value.of(Map.of("x", Value.of(0.4599), "y", Value.of(0.4106))));

        List<HistoryPoint> points = series.chunks().get(0).points();
        assertThat(points).singleElement().extracting(HistoryPoint::value).isEqualTo(Value.of("{\"x\":0.4599,\"y\":0.4106}"));
    }
}
