package dev.hearth.gateway.automation.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Counts run starts per automation over the last second: more than {@code max} is a loop, not a home. */
final class RunLimiter {
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private final int max;
    private final Map<String, Deque<Instant>> starts = new HashMap<>();

    RunLimiter(int max) {
        this.max = max;
    }

    /** Records a start; true if this one exceeds the limit. */
    boolean exceeded(String automation, Instant now) {
        Deque<Instant> recent = starts.computeIfAbsent(automation, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) recent.pollFirst();
        recent.addLast(now);
        return recent.size() > max;
    }

    void forget(String automation) {
        starts.remove(automation);
    }
}
