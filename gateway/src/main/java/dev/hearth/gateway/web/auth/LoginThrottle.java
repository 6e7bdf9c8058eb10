package dev.hearth.gateway.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits guesses of the password or access token per client address. An attempt is counted when it
 * starts, before the (slow, PBKDF2) check: parallel guesses cannot slip past while checks run. An
 * address may try {@link #PER_ADDRESS} times; then it waits {@link #WINDOW}, twice as long after each
 * further round, up to {@link #MAX_WAIT}. A success clears its address. There is deliberately no limit
 * shared by all addresses: a stranger who exhausted it would lock out the real user. What all clients
 * together may cost is bounded by {@link PasswordChecks} instead. Single-threaded: the web verticle's event loop.
 */
public final class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final int PER_ADDRESS = 5;
    public static final Duration MAX_WAIT = Duration.ofHours(1);
    /** Beyond this many addresses the longest-quiet one is forgotten: memory stays bounded under a spray of addresses. */
    static final int MAX_TRACKED = 10_000;

    private static final class Client {
        Instant roundStart;
        Instant last;
        int attempts;
        int rounds;
        Instant blockedUntil = Instant.MIN;
    }

    private final Clock clock;
    private final Map<String, Client> clients = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Client> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Counts an attempt by {@code address}: empty when it may go ahead, else how long it must wait (not counted then). */
    public Optional<Duration> attempt(String address) {
        Instant now = clock.instant();
        Client c = clients.get(address);
        if (c != null && quietSince(c).plus(MAX_WAIT).isBefore(now)) c = null;  // quiet for long: a fresh start
        if (c == null) {
            c = new Client();
            clients.put(address, c);
        }
        if (now.isBefore(c.blockedUntil)) return Optional.of(Duration.between(now, c.blockedUntil));
        c.last = now;
        if (c.roundStart == null || !now.isBefore(c.roundStart.plus(WINDOW))) {
            c.roundStart = now;
            c.attempts = 0;
        }
        if (++c.attempts >= PER_ADDRESS) block(c, now);
        return Optional.empty();
    }

    /** The attempt was right: its address starts afresh. */
    public void succeeded(String address) {
        clients.remove(address);
    }

    private static Instant quietSince(Client c) {
        return c.last == null || c.blockedUntil.isAfter(c.last) ? c.blockedUntil : c.last;
    }

    private static void block(Client c, Instant now) {
        Duration wait = WINDOW.multipliedBy(1L << Math.min(c.rounds, 10));
        c.blockedUntil = now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
        c.rounds++;
        c.roundStart = null;
    }
}
