package dev.hearth.sim.mqtt;

/** Doubling delay with a ceiling; not thread-safe (used from the control thread only). */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.nextMillis = initialMillis;
    }

    long next() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay;
    }

    void reset() {
        nextMillis = initialMillis;
    }
}
