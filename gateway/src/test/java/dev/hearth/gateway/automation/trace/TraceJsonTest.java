package dev.hearth.gateway.automation.trace;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        assertThat(new JsonObject(body).getJsonArray("texts").getList()).contains(run.trigger());
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

    @Test
    void aRowWritesEachTextOnceAndTimesAfterTheirBase() {
        List<AutomationRun> runs = new java.util.ArrayList<>();
        for (int i = 0; i < AutomationRun.KEPT; i++) {
            Instant at = AT.plusMillis(25L * i);
            runs.add(new AutomationRun("motion_on_7", at, "state motion_7.occupancy to true", AutomationRun.Outcome.RAN, List.of(),
                    List.of(new AutomationRun.Step("command light_7 {brightness=200, state=ON}", "ok", at.plusNanos(600), 0)), at.plusNanos(5_000)));
        }

        String body = TraceJson.encode(runs, new StringBuilder());

        assertThat(body).startsWith("{\"v\":2,").containsOnlyOnce("motion_on_7").containsOnlyOnce("state motion_7.occupancy to true")
                .containsOnlyOnce("command light_7").containsOnlyOnce("\"RAN\"").containsOnlyOnce("\"ok\"");
        assertThat(body.length()).as("version 1 wrote ~270 characters a run of this shape").isLessThan(50 * AutomationRun.KEPT);
        assertThat(TraceJson.decode(body)).containsExactlyElementsOf(runs);
    }

    @Test
    void timesTooFarFromTheirBaseForNanosecondsReadBackExactly() {
        Instant broken = Instant.parse("+20000-01-01T00:00:00.000000001Z");
        AutomationRun late = new AutomationRun("clock", broken, "time 07:00", AutomationRun.Outcome.MISSED, List.of("missed"),
                List.of(new AutomationRun.Step("notify phone", "ok", AT, 3)), AT.minusSeconds(1));
        AutomationRun next = new AutomationRun("clock", AT, "time 07:00", AutomationRun.Outcome.RAN, List.of(), List.of(), AT.plusNanos(1));

        assertThat(TraceJson.decode(TraceJson.encode(List.of(late, next), new StringBuilder()))).containsExactly(late, next);
    }

    @Test
    void aRowOfVersionOneAnArrayOfObjectsStillReads() {
        String versionOne = "[{\"automation\":\"motion_off_146\",\"at\":1796684888937528424,\"trigger\":\"state motion_146.occupancy to false\","
                + "\"outcome\":\"RAN\",\"details\":[],\"steps\":[{\"action\":\"command light_146 {state=OFF}\",\"outcome\":\"ok\","
                + "\"at\":1796684888937528995,\"millis\":0}],\"finished\":1796684888937533534},{\"automation\":\"motion_off_146\","
                + "\"at\":1796684889076666478,\"trigger\":\"state motion_146.occupancy to false\",\"outcome\":\"CONDITION_FAILED\","
                + "\"details\":[\"failed: x\"],\"steps\":[],\"finished\":1796684889076666478}]";

        List<AutomationRun> runs = TraceJson.decode(versionOne);

        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).at()).isEqualTo(Instant.ofEpochSecond(1796684888L, 937528424));
        assertThat(runs.get(0).steps()).singleElement().satisfies(s -> {
            assertThat(s.action()).isEqualTo("command light_146 {state=OFF}");
            assertThat(s.at()).isEqualTo(Instant.ofEpochSecond(1796684888L, 937528995));
        });
        assertThat(runs.get(1).outcome()).isEqualTo(AutomationRun.Outcome.CONDITION_FAILED);
        assertThat(runs.get(1).details()).containsExactly("failed: x");
    }

    @Test
    void aRowOfAnUnknownLaterVersionIsRefusedInWords() {
        assertThatThrownBy(() -> TraceJson.decode("{\"v\":3,\"runs\":[]}")).hasMessageContaining("format version 3");
    }
}
