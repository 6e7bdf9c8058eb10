package dev.hearth.gateway.outbox;

import java.time.Instant;

/** Acknowledgements per second over the last ten seconds, in one-second buckets. */
final class DrainRate {
    private static final int SECONDS = 10;
    private final long[] buckets = new long[SECONDS];
    private long currentSecond = Long.MIN_VALUE;

    void mark(Instant now) {
        roll(now.getEpochSecond());
        buckets[(int) Math.floorMod(currentSecond, SECONDS)]++;
    }

    double perSecond(Instant now) {
        roll(now.getEpochSecond());
        long sum = 0;
        for (long b : buckets) sum += b;
        return sum / (double) SECONDS;
    }

    private void roll(long second) {
        if (currentSecond == Long.MIN_VALUE || second - currentSecond >= SECONDS) {
            java.util.Arrays.fill(buckets, 0);
        } else {
            for (long s = currentSecond + 1; s <= second; s++) buckets[(int) Math.floorMod(s, SECONDS)] = 0;
        }
        if (second > currentSecond) currentSecond = second;
    }
}
