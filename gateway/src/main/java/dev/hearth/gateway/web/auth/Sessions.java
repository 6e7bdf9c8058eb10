package dev.hearth.gateway.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browsers: a random session id (the HttpOnly cookie) with its CSRF token, expiring after
 * {@link #IDLE} without a request. In memory: a restart signs everyone out, which is acceptable for a
 * home gateway and keeps no secret on disk.
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofDays(7);
    private static final int MAX_SESSIONS = 1_000;

    public record Session(String id, String csrfToken, Instant expiresAt) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Session create() {
        if (sessions.size() >= MAX_SESSIONS) removeExpired();
        Session s = new Session(AccessToken.random() + AccessToken.random(), AccessToken.random(), clock.instant().plus(IDLE));
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its expiry pushed back. */
    public Optional<Session> find(String id) {
        if (id == null) return Optional.empty();
        Session s = sessions.get(id);
        if (s == null) return Optional.empty();
        Instant now = clock.instant();
        if (!now.isBefore(s.expiresAt())) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session renewed = new Session(s.id(), s.csrfToken(), now.plus(IDLE));
        sessions.put(id, renewed);
        return Optional.of(renewed);
    }

    public void remove(String id) {
        if (id != null) sessions.remove(id);
    }

    private void removeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    }
}
