package dev.hearth.sim.load;

import java.time.Duration;
import java.util.Locale;

/** What a load run achieved; latencies are command-to-echo round trips in microseconds. */
public record LoadReport(long published, Duration elapsed, double targetRate, long commandsSent,
                         long commandsAnswered, LatencySummary latency) {
    public double achievedRate() {
        return published / (elapsed.toNanos() / 1e9);
    }

    /** Percentiles of the round trip in microseconds; all zero when nothing was answered. */
    public record LatencySummary(long count, long p50, long p90, long p99, long max) {
    }

    public String describe() {
        return String.format(Locale.ROOT,
                "published %d messages in %.2f s: %.1f msg/s (target %.1f)%n"
                        + "commands: %d sent, %d answered; round trip p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                published, elapsed.toNanos() / 1e9, achievedRate(), targetRate, commandsSent, commandsAnswered,
                latency.p50() / 1e3, latency.p90() / 1e3, latency.p99() / 1e3, latency.max() / 1e3);
    }
}
