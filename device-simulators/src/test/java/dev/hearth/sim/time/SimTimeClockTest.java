package dev.hearth.sim.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SimTimeClockTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void theClockViewReadsTheSimulatedTimeInItsZone() {
        ManualTime time = new ManualTime(Instant.parse("2026-10-17T16:00:00Z"));
        Clock clock = time.clock(BERLIN);

        time.advance(Duration.ofMinutes(2));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-10-17T16:02:00Z"));
        assertThat(LocalTime.now(clock)).isEqualTo(LocalTime.of(18, 2));
        assertThat(clock.withZone(ZoneId.of("UTC")).instant()).isEqualTo(clock.instant());
        assertThat(LocalTime.now(clock.withZone(ZoneId.of("UTC")))).isEqualTo(LocalTime.of(16, 2));
    }
}
