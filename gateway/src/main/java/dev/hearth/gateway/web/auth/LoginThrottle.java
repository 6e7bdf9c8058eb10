package dev.hearth.gateway.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits failed sign-ins: {@link #PER_ADDRESS} per client address and {@link #OVERALL} in all per
 * {@link #WINDOW}. A guesser gets a few tries a minute, which makes a 24-byte token or a decent
 * password out of reach. Single-threaded: used on the web verticle's event loop.
 */
public final class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final int PER_ADDRESS = 5;
    public static final int OVERALL = 30;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final Deque<Instant> all = new ArrayDeque<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} must wait before trying again; empty when it may try now. */
    public Optional<Duration> waitBeforeTrying(String address) {
        Instant now = clock.instant();
        prune(all, now);
        Deque<Instant> mine = failures.getOrDefault(address, new ArrayDeque<>());
        prune(mine, now);
        if (mine.isEmpty()) failures.remove(address);
        if (mine.size() >= PER_ADDRESS) return Optional.of(Duration.between(now, mine.peekFirst().plus(WINDOW)));
        if (all.size() >= OVERALL) return Optional.of(Duration.between(now, all.peekFirst().plus(WINDOW)));
        return Optional.empty();
    }

    public void failed(String address) {
        Instant now = clock.instant();
        failures.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(now);
        all.addLast(now);
    }

    public void succeeded(String address) {
        failures.remove(address);
    }

    private static void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) times.removeFirst();
    }
}
