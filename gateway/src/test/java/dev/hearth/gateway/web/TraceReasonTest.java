package dev.hearth.gateway.web;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.AutomationRun.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's outcome in one sentence, the reason first, from the condition texts the engine traces. */
class TraceReasonTest {
    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aFailedNumericConditionSaysTheValueAgainstTheBoundItMissed() {
        assertThat(reason(Outcome.CONDITION_FAILED, "failed: hallway_lux.illuminance below 30.0 (was 197)"))
                .isEqualTo("did not run: hallway_lux.illuminance 197 ≥ 30");
        assertThat(reason(Outcome.CONDITION_FAILED, "failed: living.temperature above 21.5 (was 19)"))
                .isEqualTo("did not run: living.temperature 19 ≤ 21.5");
        assertThat(reason(Outcome.CONDITION_FAILED, "failed: living.temperature above 18.0 (was unknown)"))
                .isEqualTo("did not run: living.temperature is unknown, not a number");
    }

    @Test
    void aFailedSunConditionSaysItIsDay() {
        assertThat(reason(Outcome.CONDITION_FAILED, "passed: hallway_motion.occupancy is true (was true)",
                "failed: sun after sunset before sunrise (now 12:00, sunrise 07:31, sunset 16:24)"))
                .isEqualTo("did not run: sun condition — it is day (now 12:00, sunrise 07:31, sunset 16:24)");
    }

    @Test
    void stateTimeAndExpressionConditionsAreSaidInWords() {
        assertThat(reason(Outcome.CONDITION_FAILED, "failed: hallway_light.state is ON (was OFF)"))
                .isEqualTo("did not run: hallway_light.state is OFF, not ON");
        assertThat(reason(Outcome.CONDITION_FAILED, "failed: door.contact is false (was false) for 5m (for 2m)"))
                .isEqualTo("did not run: door.contact is false for only 2m, not 5m");
        assertThat(reason(Outcome.CONDITION_FAILED, "failed: time after 07:00 before 22:00 (was 23:10 Mon)"))
                .isEqualTo("did not run: time condition — it is 23:10 Mon, not after 07:00 before 22:00");
        assertThat(reason(Outcome.CONDITION_FAILED, "failed: expr hall.lux < 30 (was false)"))
                .isEqualTo("did not run: expression hall.lux < 30 is false");
    }

    @Test
    void anUnknownConditionTextIsShownAsTheEngineWroteIt() {
        assertThat(reason(Outcome.CONDITION_FAILED, "failed: or(failed: a.b is 1 (was 2))"))
                .isEqualTo("did not run: or(failed: a.b is 1 (was 2))");
    }

    @Test
    void otherOutcomesSayWhatHappened() {
        AutomationRun ran = new AutomationRun("a", AT, "t", Outcome.RAN, List.of(),
                List.of(new AutomationRun.Step("command hallway_light {state=ON}", "ok", AT, 12)), AT);
        assertThat(TraceReason.of(ran)).isEqualTo("ran: 1 action");
        AutomationRun failed = new AutomationRun("a", AT, "t", Outcome.FAILED, List.of(),
                List.of(new AutomationRun.Step("command hallway_light {state=ON}", "failed: no broker", AT, 3)), AT);
        assertThat(TraceReason.of(failed)).isEqualTo("failed: command hallway_light {state=ON} — failed: no broker");
        assertThat(reason(Outcome.DROPPED_BY_MODE, "mode single: a run started at 2026-12-07T11:59:58Z is still going"))
                .isEqualTo("did not run: mode single: a run started at 2026-12-07T11:59:58Z is still going");
        assertThat(TraceReason.json(ran).getString("reason")).isEqualTo("ran: 1 action");
    }

    private static String reason(Outcome outcome, String... details) {
        return TraceReason.of(new AutomationRun("a", AT, "t", outcome, List.of(details)));
    }
}
