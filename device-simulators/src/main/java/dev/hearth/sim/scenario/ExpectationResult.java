package dev.hearth.sim.scenario;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/**
 * How one expectation turned out: met {@code after} (simulated) its entry fired, or not met, with the
 * last value seen. {@code allowanceUsed} marks a pass that came after the simulated deadline but
 * inside the real-time allowance given to MQTT round trips under acceleration.
 */
public record ExpectationResult(Expectation expectation, LocalTime firedAt, boolean passed, Duration after,
                                Optional<Object> lastValue, boolean allowanceUsed) {

    public String describe() {
        String head = (passed ? "PASS  " : "FAIL  ") + firedAt + "  " + expectation;
        if (passed) {
            return head + " (after " + Scenario.describe(after)
                    + (allowanceUsed ? ", inside the real-time allowance for MQTT round trips" : "") + ")";
        }
        String seen = lastValue.map(v -> "still " + (v instanceof Number n ? Scenario.number(n.doubleValue()) : v)).orElse("never reported " + expectation.attribute());
        return head + ": " + seen + " after " + Scenario.describe(expectation.within()) + "  [" + expectation.where() + "]";
    }
}
