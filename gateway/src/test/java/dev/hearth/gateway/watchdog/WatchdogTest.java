package dev.hearth.gateway.watchdog;

import dev.hearth.gateway.support.LogLines;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watchdog on a watchdog clock of its own (issue 14, item 12): a blocked event loop is reported with the
 * reason once blocked past the threshold, and the (injected) exit is called once that lasts; a healthy loop,
 * however long it is watched, never is.
 */
class WatchdogTest {
    private static final Watchdog.Settings SETTINGS = new Watchdog.Settings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    private final Vertx vertx = Vertx.vertx();
    private final Context loop = vertx.getOrCreateContext();
    private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private final CountDownLatch unblock = new CountDownLatch(1);

    @AfterEach
    void stop() {
        unblock.countDown();
        vertx.close().await();
    }

    @Test
    void aBlockedEventLoopIsReportedWithTheReasonAndTheProcessExitsIfItLasts() throws Exception {
        Watchdog watchdog = watchdogOfTheLoop();
        CountDownLatch blocked = new CountDownLatch(1);
        loop.runOnContext(v -> {
            blocked.countDown();
            awaitQuietly(unblock);
        });
        blocked.await(10, TimeUnit.SECONDS);

        try (LogLines log = LogLines.of(Watchdog.class)) {
            watchdog.check();
            advance(Duration.ofSeconds(9));
            watchdog.check();
            assertThat(watchdog.problem()).as("blocked for 9 s: below the threshold").isEmpty();

            advance(Duration.ofSeconds(2));
            watchdog.check();
            assertThat(watchdog.problem()).hasValue("event loop test-loop blocked for 11 s");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.lines())
                    .containsExactly("ERROR Watchdog: event loop test-loop blocked for 11 s; the gateway exits if this lasts 60 s"));

            advance(Duration.ofSeconds(59));
            watchdog.check();
            assertThat(exits).as("not yet: the problem has lasted 59 s").isEmpty();
            advance(Duration.ofSeconds(1));
            watchdog.check();
            watchdog.check();
            assertThat(exits).containsExactly(Watchdog.EXIT_STUCK);
        }
    }

    @Test
    void aShutdownHeldUpByTheStuckThreadIsCutShortNoLaterThanTheProblemWasTolerated() {
        assertThat(Watchdog.Settings.DEFAULTS.haltAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new Watchdog.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)).haltAfter())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLoopThatTurnsAgainIsHealthyAgain() {
        Watchdog watchdog = watchdogOfTheLoop();
        loop.runOnContext(v -> awaitQuietly(unblock));
        watchdog.check();
        advance(Duration.ofSeconds(11));
        watchdog.check();
        assertThat(watchdog.problem()).isPresent();

        unblock.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            advance(Duration.ofSeconds(1));
            watchdog.check();
            return watchdog.problem().isEmpty();
        });
        assertThat(exits).isEmpty();
    }

    @Test
    void aHealthyLoopWatchedForTenMinutesIsNeverReportedNorExited() {
        Watchdog watchdog = watchdogOfTheLoop();
        for (int second = 0; second < 600; second++) {
            watchdog.check();
            assertThat(watchdog.problem()).as("at %d s", second).isEmpty();
            // A real loop answers within milliseconds; the next check comes a watchdog second later.
            awaitProbeAnswered();
            advance(Duration.ofSeconds(1));
        }
        assertThat(exits).isEmpty();
    }

    @Test
    void anyWatchedPartCanReportAProblem() {
        Optional<String>[] receiver = new Optional[] {Optional.empty()};
        Watchdog watchdog = new Watchdog(List.of(now -> receiver[0]), SETTINGS, nanos::get, exits::add);
        watchdog.check();
        assertThat(watchdog.problem()).isEmpty();
        receiver[0] = Optional.of("MQTT receiver thread stopped while the link to tcp://x is up");
        watchdog.check();
        assertThat(watchdog.problem()).hasValue("MQTT receiver thread stopped while the link to tcp://x is up");
    }

    private Watchdog watchdogOfTheLoop() {
        return new Watchdog(List.of(new LoopProbe("test-loop", loop, nanos::get, SETTINGS.stallAfter())), SETTINGS, nanos::get, exits::add);
    }

    private void awaitProbeAnswered() {
        CountDownLatch turned = new CountDownLatch(1);
        loop.runOnContext(v -> turned.countDown());
        awaitQuietly(turned);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
