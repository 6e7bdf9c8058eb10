package dev.hearth.sim.scenario;

import dev.hearth.sim.time.SimTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tracks the expectations of fired timeline entries against the states the simulated devices report.
 * Never calls into a device (devices call in, holding their own lock), so it cannot deadlock with them.
 * Under acceleration a simulated second can be shorter than an MQTT round trip: every deadline is at
 * least {@code realAllowance} of real time.
 */
final class ExpectationWatch {
    private final SimTime time;
    private final long allowanceNanos;
    private final Map<String, Map<String, Object>> lastState = new HashMap<>();
    private final List<Watching> watching = new ArrayList<>();
    private final List<ExpectationResult> results = new ArrayList<>();

    private record Watching(Expectation expectation, LocalTime firedAt, Instant since, long realSince) {
        Instant simDeadline() {
            return since.plus(expectation.within());
        }
    }

    ExpectationWatch(SimTime time, Duration realAllowance) {
        this.time = time;
        this.allowanceNanos = realAllowance.toNanos();
    }

    synchronized void observe(String device, Map<String, Object> state) {
        lastState.put(device, state);
        Instant now = time.now();
        long realNow = System.nanoTime();
        for (Iterator<Watching> it = watching.iterator(); it.hasNext(); ) {
            Watching w = it.next();
            if (!w.expectation().device().equals(device)) {
                continue;
            }
            if (w.expectation().stays()) {
                if (!w.expectation().isMetBy(state)) {
                    it.remove();
                    results.add(result(w, false, Duration.between(w.since(), now), false));
                }
            } else if (w.expectation().isMetBy(state)) {
                it.remove();
                boolean late = now.isAfter(w.simDeadline());
                if (!late || realNow - w.realSince() <= allowanceNanos) {
                    results.add(result(w, true, Duration.between(w.since(), now), late));
                } else {
                    results.add(result(w, false, w.expectation().within(), false));
                }
            }
        }
    }

    synchronized void expect(Expectation expectation, LocalTime firedAt) {
        Watching w = new Watching(expectation, firedAt, time.now(), System.nanoTime());
        Map<String, Object> state = lastState.getOrDefault(expectation.device(), Map.of());
        if (expectation.isMetBy(state) == expectation.stays()) {
            watching.add(w);
        } else {
            results.add(result(w, !expectation.stays(), Duration.ZERO, false));
        }
    }

    /**
     * Settles what is past both its simulated deadline and the real-time allowance: an unmet "within"
     * fails, a "for" that held throughout passes.
     */
    synchronized void expire() {
        Instant now = time.now();
        long realNow = System.nanoTime();
        watching.removeIf(w -> {
            // "for" is checked in simulated time only: a real-time floor would outlast what it should check.
            boolean over = now.isAfter(w.simDeadline())
                    && (w.expectation().stays() || realNow - w.realSince() > allowanceNanos);
            if (over) {
                results.add(result(w, w.expectation().stays(), w.expectation().within(), false));
            }
            return over;
        });
    }

    synchronized boolean settled() {
        return watching.isEmpty();
    }

    synchronized List<ExpectationResult> results() {
        return List.copyOf(results);
    }

    private ExpectationResult result(Watching w, boolean passed, Duration after, boolean allowanceUsed) {
        Optional<Object> value = Optional.ofNullable(lastState.getOrDefault(w.expectation().device(), Map.of())
                .get(w.expectation().attribute()));
        return new ExpectationResult(w.expectation(), w.firedAt(), passed, after, value, allowanceUsed);
    }
}
