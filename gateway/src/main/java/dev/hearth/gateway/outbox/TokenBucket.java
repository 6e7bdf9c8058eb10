package dev.hearth.gateway.outbox;

import java.time.Duration;
import java.time.Instant;

/** Rate limit for a drain: {@code rate} tokens a second, at most {@code burst} saved up. Pure; time is passed in. */
public final class TokenBucket {
    private final double rate;
    private final double burst;
    private double tokens;
    private Instant last;

    public TokenBucket(double ratePerSecond, int burst, Instant now) {
        if (ratePerSecond <= 0 || burst < 1) throw new IllegalArgumentException("rate and burst must be positive");
        this.rate = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(Instant now) {
        refill(now);
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /** How long until the next token. */
    public Duration untilNext(Instant now) {
        refill(now);
        if (tokens >= 1) return Duration.ZERO;
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1_000_000_000L));
    }

    private void refill(Instant now) {
        if (now.isAfter(last)) {
            tokens = Math.min(burst, tokens + Duration.between(last, now).toNanos() / 1e9 * rate);
            last = now;
        }
    }
}
