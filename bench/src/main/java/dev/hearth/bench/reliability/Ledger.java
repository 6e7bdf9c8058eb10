package dev.hearth.bench.reliability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What the sensor had acknowledged by the broker and what the light was commanded, by event number: the figures of a
 * delivery run (missing, duplicated, out of order). Thread-safe.
 */
final class Ledger {
    private final BitSet acknowledged = new BitSet();
    private final List<Integer> commanded = new ArrayList<>();

    synchronized void acknowledged(int seq) {
        acknowledged.set(seq);
    }

    synchronized void commanded(int seq) {
        commanded.add(seq);
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
