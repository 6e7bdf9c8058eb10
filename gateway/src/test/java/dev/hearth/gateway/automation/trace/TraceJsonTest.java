package dev.hearth.gateway.automation.trace;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A trace body written by hand reads back as the same trace, whatever its text holds; bodies of older versions still read. */
class TraceJsonTest {
    static final Instant AT = Instant.parse("2026-11-28T20:00:00.123456789Z");

    @Test
    void aTraceWithEveryKindOfTextReadsBackExactly() {
        AutomationRun run = new AutomationRun("heat \"on\"", AT, "state living.mode to \\\\ back\\slash\nnew line\ttab \u0001 \u00e9\u6f22 \uD83D\uDD25",
                AutomationRun.Outcome.STOPPED, List.of("passed: a \"quoted\" value", "failed: living.temperature below 20.0 (was 21.5)"),
                List.of(new AutomationRun.Step("command living_thermostat {mode=heat, target=21.5}", "ok", AT.plusMillis(1), 0),
                        new AutomationRun.Step("wait for condition (timeout 10m)", "timed out", AT.plusMillis(2), 600_000)),
                AT.plusSeconds(600));

        String body = TraceJson.encode(List.of(run), new StringBuilder());

        assertThat(new JsonArray(body).getJsonObject(0).getString("trigger")).isEqualTo(run.trigger());
        assertThat(TraceJson.decode(body)).containsExactly(run);
    }

    @Test
    void aRowOfSeveralRunsWithABuilderReusedForTheNextRow() {
        StringBuilder reused = new StringBuilder();
        TraceJson.encode(List.of(new AutomationRun("long", AT, "x".repeat(2_000), AutomationRun.Outcome.RAN, List.of("y".repeat(3_000)))), reused);
        AutomationRun nearMiss = new AutomationRun("hall", AT, "state hall.occupancy to false for 2m", AutomationRun.Outcome.FOR_INTERRUPTED,
                List.of("interrupted by hall.occupancy changed to true"));
        AutomationRun ran = new AutomationRun("hall", AT.plusSeconds(1), "state hall.occupancy to false for 2m", AutomationRun.Outcome.RAN,
                List.of(), List.of(new AutomationRun.Step("command hall_light {state=OFF}", "ok", AT.plusSeconds(1), 0)), AT.plusSeconds(1));

        assertThat(TraceJson.decode(TraceJson.encode(List.of(nearMiss, ran), reused))).containsExactly(nearMiss, ran);
    }

    @Test
    void aBodyWrittenByAnEarlierVersionWithIsoTimesStillReads() {
        String earlier = "{\"automation\":\"hall\",\"at\":\"2026-11-28T20:00:00.123Z\",\"trigger\":\"manual trigger\",\"outcome\":\"RAN\","
                + "\"details\":[\"passed: hall.lux below 30.0 (was 12.0)\"],\"steps\":[{\"action\":\"command hall_light {state=ON}\","
                + "\"outcome\":\"ok\",\"at\":\"2026-11-28T20:00:00.124Z\",\"millis\":0}],\"finished\":\"2026-11-28T20:00:00.125Z\"}";

        AutomationRun run = TraceJson.decode(earlier).get(0);

        assertThat(run.at()).isEqualTo(Instant.parse("2026-11-28T20:00:00.123Z"));
        assertThat(run.details()).containsExactly("passed: hall.lux below 30.0 (was 12.0)");
        assertThat(run.steps()).singleElement().satisfies(s -> {
            assertThat(s.action()).isEqualTo("command hall_light {state=ON}");
            assertThat(s.at()).isEqualTo(Instant.parse("2026-11-28T20:00:00.124Z"));
        });
        assertThat(run.finished()).isEqualTo(Instant.parse("2026-11-28T20:00:00.125Z"));
    }
}
