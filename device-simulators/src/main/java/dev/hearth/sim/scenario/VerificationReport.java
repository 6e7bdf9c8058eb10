package dev.hearth.sim.scenario;

import java.util.List;

/** The outcome of every expectation of a scenario run, in the order their entries fired. */
public record VerificationReport(String scenario, List<ExpectationResult> results) {
    public VerificationReport {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(ExpectationResult::passed);
    }

    public long failures() {
        return results.stream().filter(r -> !r.passed()).count();
    }

    /** A readable report: one line per expectation, failures pointing at their file:line:column. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("scenario ").append(scenario).append(": ").append(results.size()).append(" expectation")
                .append(results.size() == 1 ? "" : "s").append(", ")
                .append(failures() == 0 ? "all met" : failures() + " failed").append('\n');
        results.forEach(r -> out.append("  ").append(r.describe()).append('\n'));
        return out.toString();
    }
}
