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
        if (passed && expectation.stays()) {
            return head;
        }
        if (passed) {
            return head + " (after " + Scenario.describe(after)
                    + (allowanceUsed ? ", inside the real-time allowance for MQTT round trips" : "") + ")";
        }
        String value = lastValue.map(v -> v instanceof Number n ? Scenario.number(n.doubleValue()) : v.toString())
                .orElse(null);
        String seen = value == null ? "never reported " + expectation.attribute()
                : (expectation.stays() ? "was " : "still ") + value;
        return head + ": " + seen + " after " + Scenario.describe(after) + "  [" + expectation.where() + "]";
    }
}
