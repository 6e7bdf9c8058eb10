package dev.hearth.bench.reliability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sensor had acknowledged by the broker and what the light was commanded, by event number: the figures of a
 * delivery run (missing, duplicated, out of order). Thread-safe.
 */
final class Ledger {
    private final BitSet acknowledged = new BitSet();
    private final List<Integer> commanded = new ArrayList<>();
    private final Map<Integer, Long> publishedAt = new HashMap<>();
    private final Map<Integer, Long> firstCommandAt = new HashMap<>();

    synchronized void published(int seq, long nanos) {
        publishedAt.put(seq, nanos);
    }

    synchronized void acknowledged(int seq) {
        acknowledged.set(seq);
    }

    synchronized void commanded(int seq) {
        commanded.add(seq);
        firstCommandAt.putIfAbsent(seq, System.nanoTime());
    }

    /** Motion to light: from publishing an event to its first command, for the events published in [from, to) that got one. */
    synchronized Latency latency(long fromNanos, long toNanos) {
        long[] millis = publishedAt.entrySet().stream()
                .filter(e -> e.getValue() >= fromNanos && e.getValue() < toNanos && firstCommandAt.containsKey(e.getKey()))
                .mapToLong(e -> firstCommandAt.get(e.getKey()) - e.getValue()).sorted().toArray();
        return new Latency(millis.length, percentile(millis, 0.50), percentile(millis, 0.99));
    }

    private static double percentile(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) return Double.NaN;
        return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1)] / 1e6;
    }

    record Latency(int events, double p50Millis, double p99Millis) {
        String line() {
            return String.format("%d events, p50 %.1f ms, p99 %.1f ms", events, p50Millis, p99Millis);
        }
    }

    synchronized int commandedCount() {
        return commanded.size();
    }

    /** The counts now: acknowledged events without a command are missing; a number commanded twice is a duplicate. */
    synchronized Figures figures() {
        BitSet seen = new BitSet();
        int duplicates = 0;
        int reordered = 0;
        int highest = -1;
        for (int seq : commanded) {
            if (seen.get(seq)) {
                duplicates++;
                continue;
            }
            seen.set(seq);
            if (seq < highest) reordered++;
            highest = Math.max(highest, seq);
        }
        BitSet missing = (BitSet) acknowledged.clone();
        missing.andNot(seen);
        BitSet unacknowledged = (BitSet) seen.clone();
        unacknowledged.andNot(acknowledged);
        return new Figures(acknowledged.cardinality(), commanded.size(), missing.cardinality(), duplicates, reordered,
                unacknowledged.cardinality(), missing.stream().limit(10).boxed().toList());
    }

    /**
     * {@code reordered}: first commands of a number lower than one commanded before it. {@code unacknowledged}: commanded
     * though the sensor never got its PUBACK (the broker had it when the link to the sensor broke): not a fault.
     */
    record Figures(int acknowledged, int commanded, int missing, int duplicates, int reordered, int unacknowledged,
                   List<Integer> firstMissing) {
        String line() {
            return acknowledged + " events acknowledged by the broker, " + commanded + " commands, " + missing + " missing"
                    + (missing > 0 ? " (first " + firstMissing + ")" : "") + ", " + duplicates + " duplicated, " + reordered
                    + " out of order, " + unacknowledged + " commanded without the sensor's PUBACK";
        }
    }
}
