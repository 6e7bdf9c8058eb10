package dev.hearth.gateway.yaml;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @Test
    void readsTheFormsPeopleWrite() {
        assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("1m30s250ms")).contains(Duration.ofMillis(90_250));
        assertThat(Durations.parse("2d")).contains(Duration.ofDays(2));
        assertThat(Durations.parse("01:30:00")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("00:02")).contains(Duration.ofMinutes(2));
    }

    @Test
    void refusesAmbiguousOrMalformedText() {
        for (String bad : new String[]{"", "5", "m", "5 minutes", "1m1h", "-5s", "1.5h", "9999d", "5mm"}) {
            assertThat(Durations.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void formatsBackToTheSameDuration() {
        for (String text : new String[]{"90s", "1h30m", "500ms", "2d3h", "0s"}) {
            Duration d = Durations.parse(text).orElseThrow();
            assertThat(Durations.parse(Durations.format(d))).as(text).contains(d);
        }
    }
}
