package dev.hearth.gateway.web.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored password hashes, and the sign-in throttle's window. */
class PasswordHashTest {

    @Test
    void aStoredHashAcceptsItsPasswordOnly() {
        String stored = PasswordHash.of("hunter2 hunter2".toCharArray()).encoded();
        assertThat(stored).startsWith("pbkdf2-sha256$210000$").doesNotContain("hunter2");
        PasswordHash parsed = PasswordHash.parse(stored).orElseThrow();
        assertThat(parsed.matches("hunter2 hunter2".toCharArray())).isTrue();
        assertThat(parsed.matches("hunter2 hunter3".toCharArray())).isFalse();
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        assertThat(PasswordHash.of("same password".toCharArray()).encoded())
                .isNotEqualTo(PasswordHash.of("same password".toCharArray()).encoded());
    }

    @Test
    void whatIsNotAHashIsRefused() {
        assertThat(PasswordHash.parse("hunter2")).isEmpty();
        assertThat(PasswordHash.parse("md5$1$abc$def")).isEmpty();
        assertThat(PasswordHash.parse("pbkdf2-sha256$10$AAAA$AAAA")).as("too few iterations").isEmpty();
        assertThat(PasswordHash.parse("pbkdf2-sha256$210000$%%%$AAAA")).isEmpty();
    }

    @Test
    void theThrottleAllowsFiveFailuresAMinutePerAddress() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) {
            assertThat(throttle.attempt("10.0.0.1")).isEmpty();
        }
        assertThat(throttle.attempt("10.0.0.1")).contains(Duration.ofMinutes(1));
        assertThat(throttle.attempt("10.0.0.2")).as("another address").isEmpty();
        clock.now = clock.now.plusSeconds(61);
        assertThat(throttle.attempt("10.0.0.1")).isEmpty();
    }

    @Test
    void eachFurtherRoundOfFailuresWaitsTwiceAsLongUpToAnHour() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (long minutes : new long[]{1, 2, 4, 8, 16, 32, 60, 60}) {
            for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) assertThat(throttle.attempt("10.0.0.1")).isEmpty();
            assertThat(throttle.attempt("10.0.0.1")).contains(Duration.ofMinutes(minutes));
            clock.now = clock.now.plus(Duration.ofMinutes(minutes));
        }
        throttle.succeeded("10.0.0.1");
        for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) assertThat(throttle.attempt("10.0.0.1")).isEmpty();
        assertThat(throttle.attempt("10.0.0.1")).as("a success starts afresh").contains(Duration.ofMinutes(1));
    }

    @Test
    void attemptsAreCountedWhenTheyStartNotWhenTheyFail() {
        LoginThrottle throttle = new LoginThrottle(new MutableClock());
        long admitted = java.util.stream.IntStream.range(0, 100).filter(i -> throttle.attempt("10.0.0.1").isEmpty()).count();
        assertThat(admitted).isEqualTo(LoginThrottle.PER_ADDRESS);
        assertThat(throttle.attempt("10.0.0.9")).as("others are not affected").isEmpty();
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
