package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.time.Scheduler;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Holds triggers back at start until device state is known: automations must not act on a home they have not seen
 * yet (a light turned off because its retained "on" had not arrived). Triggers arm once the broker has delivered the
 * retained messages of the subscriptions, {@link #SETTLE} after the link came up if that word never comes, or after
 * {@link #ARM_WITHOUT_BROKER} without a broker, so that clock triggers still run. Call on the home's thread.
 */
public final class StartupBarrier {
    /**
     * After the broker link first comes up, triggers arm once the retained messages have restored device state, or
     * after this long if that never comes: with the embedded broker, which started with the gateway and whose devices
     * are still reconnecting, or a broker that refuses the marker.
     */
    public static final Duration SETTLE = Duration.ofSeconds(1);
    /** Without a broker, clock triggers still arm after this long. */
    public static final Duration ARM_WITHOUT_BROKER = Duration.ofSeconds(15);

    /** What ended the start-up barrier. */
    public enum Arming {
        /** The broker had delivered every retained message of the subscriptions. */
        RETAINED_SETTLED("retained states settled"),
        /** {@link #SETTLE} passed after the link came up (the embedded broker, or a broker that refused the marker). */
        SETTLE_TIMEOUT(SETTLE.toMillis() + " ms after the broker link came up"),
        /** No broker within {@link #ARM_WITHOUT_BROKER}: clock triggers should run anyway. */
        NO_BROKER("no broker within " + ARM_WITHOUT_BROKER.toSeconds() + " s");

        private final String why;

        Arming(String why) {
            this.why = why;
        }

        /** Why the barrier ended, for the log. */
        public String why() {
            return why;
        }
    }

    private final Scheduler scheduler;
    private final Consumer<Arming> arm;
    /** Read from any thread (the gateway waits for it). */
    private volatile Optional<Arming> armedBy = Optional.empty();
    private Scheduler.Cancellable timer = () -> false;

    /** {@code arm} runs once, when the barrier ends; delays are measured on {@code scheduler}. */
    public StartupBarrier(Scheduler scheduler, Consumer<Arming> arm) {
        this.scheduler = scheduler;
        this.arm = arm;
    }

    /** Starts waiting: for a broker, at most {@link #ARM_WITHOUT_BROKER}. */
    public void start() {
        timer = scheduler.schedule(ARM_WITHOUT_BROKER, () -> end(Arming.NO_BROKER));
    }

    /** The broker link came up: its retained messages follow, or {@link #SETTLE} ends the wait. */
    public void connected() {
        if (armedBy.isPresent()) return;
        timer.cancel();
        timer = scheduler.schedule(SETTLE, () -> end(Arming.SETTLE_TIMEOUT));
    }

    /** Every retained message of the subscriptions has been applied. */
    public void retainedSettled() {
        end(Arming.RETAINED_SETTLED);
    }

    /** What ended the barrier; empty while it holds. */
    public Optional<Arming> armedBy() {
        return armedBy;
    }

    private void end(Arming why) {
        if (armedBy.isPresent()) return;
        timer.cancel();
        arm.accept(why);
        // Only now: whoever sees the barrier ended from another thread finds the triggers armed.
        armedBy = Optional.of(why);
    }
}
