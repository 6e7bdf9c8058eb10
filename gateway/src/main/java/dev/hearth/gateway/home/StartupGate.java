package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.run.StartupBarrier;
import dev.hearth.gateway.message.Inbound;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.RetainedSettled;
import dev.hearth.gateway.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * The home's start-up: restored state first, then the broker's retained state, and only then triggers
 * ({@link StartupBarrier}); events that came meanwhile wait ({@link StartupRule}) and then run in arrival order, at
 * most {@link #BATCH} per turn of the event loop, so that a backlog never blocks the loop (the broker's messages,
 * the dashboard and the watchdog's probe get their turns between batches); events that come while the backlog
 * runs queue behind it. On the home's thread.
 */
final class StartupGate {
    private static final Logger log = LoggerFactory.getLogger(StartupGate.class);
    /** Held events run per turn of the event loop: a few milliseconds of work, a few hundred on a loaded Pi. */
    static final int BATCH = 20;

    private final Scheduler realTime;
    private final IntSupplier arm;
    private final Consumer<InboundMessage> run;
    private final LongConsumer acknowledge;
    private final StartupBarrier barrier;
    private final StartupRule rule = new StartupRule();
    private boolean armed;
    private boolean draining;

    /**
     * {@code realTime} measures the barrier's waits and runs the batches; {@code arm} arms the triggers and says how many
     * automations there are; {@code run} applies an event and acknowledges it; {@code acknowledge} takes a skipped
     * message's token.
     */
    StartupGate(Scheduler realTime, IntSupplier arm, Consumer<InboundMessage> run, LongConsumer acknowledge) {
        this.realTime = realTime;
        this.arm = arm;
        this.run = run;
        this.acknowledge = acknowledge;
        this.barrier = new StartupBarrier(realTime, this::armed);
    }

    /** Starts waiting for the broker's state. */
    void start() {
        barrier.start();
    }

    /** What the broker link received, in order; retained state applies through {@code apply} at once. */
    void receive(Inbound inbound, Consumer<InboundMessage> apply) {
        if (inbound instanceof InboundMessage m) admit(m, apply);
        else if (inbound instanceof RetainedSettled) {
            barrier.retainedSettled();
            rule.retainedDone();
        }
    }

    /** The link came up or went down; false once armed, when it is the triggers' business. */
    boolean connectionChanged(boolean connected) {
        if (!connected) rule.retainedDone();
        if (armed) return false;
        if (connected) barrier.connected();
        return true;
    }

    /** What ended the barrier; empty while it holds. Any thread may ask. */
    Optional<StartupBarrier.Arming> armedBy() {
        return barrier.armedBy();
    }

    /** Events waiting to run (held before arming, or queued behind those). */
    int holding() {
        return rule.holding();
    }

    private void admit(InboundMessage m, Consumer<InboundMessage> apply) {
        switch (rule.admit(m, armed)) {
            case APPLY -> apply.accept(m);
            case HOLD -> drainLater();
            case SKIP_STALE -> {
                log.debug("Retained {} skipped: an event on the topic came before it", m.topic());
                if (m.ackToken() != 0) acknowledge.accept(m.ackToken());
            }
        }
    }

    private void armed(StartupBarrier.Arming why) {
        int automations = arm.getAsInt();
        armed = true;
        long dropped = rule.takeDropped();
        log.info("Automations armed: {} ({}); {} events received meanwhile run now{}", automations, why.why(), rule.holding(),
                dropped == 0 ? "" : "; " + dropped + " more QoS 0 events were dropped (at most "
                        + StartupRule.MAX_HELD_AT_MOST_ONCE + " wait, the oldest superseded first)");
        drainLater();
    }

    /** Once armed, runs the next batch on a later turn of the loop (a message that came meanwhile has had its turn). */
    private void drainLater() {
        if (draining || !armed || rule.holding() == 0) return;
        draining = true;
        realTime.schedule(Duration.ZERO, this::drainBatch);
    }

    private void drainBatch() {
        draining = false;
        List<InboundMessage> batch = rule.next(BATCH);
        batch.forEach(run);
        long dropped = rule.takeDropped();
        if (dropped > 0) log.warn("{} QoS 0 events dropped while earlier events waited to run (at most {} wait)", dropped,
                StartupRule.MAX_HELD_AT_MOST_ONCE);
        if (rule.holding() > 0) drainLater();
    }
}
