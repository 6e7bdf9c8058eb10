package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.time.Scheduler;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * Closed-loop commands: a command counts as done only when a state report of the device carries every requested
 * value the device reports (write-only attributes, such as a light's {@code transition}, are never echoed), as the
 * attribute matches them ({@link AttributeSpec#confirms}: a setpoint within its step). The
 * timeout counts from the broker's acknowledgement, not from the request: while the broker is away the command
 * waits in the outbox, and neither times out nor queues copies. Without an echo it is sent again (same correlation
 * id) after the timeout plus a random jitter, {@code retries} times, and then reported as failed. A command that
 * never reached the broker (the outbox refused or dropped it) is not reported: its caller heard of it. A newer
 * command for the same attribute replaces an older one still waiting, so retries never fight a later decision.
 * Runs on the home's thread (acknowledgements must complete there); time comes from the {@link Scheduler}.
 */
public final class CommandConfirmations {
    private static final Logger log = LoggerFactory.getLogger(CommandConfirmations.class);

    /** Sends (again) the publications of one command: completes when the broker has them all. */
    @FunctionalInterface
    public interface Sender {
        CompletionStage<Void> send();
    }

    private final class Pending {
        final CommandRequested command;
        final String correlationId;
        final Map<String, AttributeSpec> echoed;
        final Sender sender;
        final Instant requested = scheduler.now();
        int attempts = 1;
        /** Nothing to cancel until the broker has the command. */
        Scheduler.Cancellable timer = () -> false;

        Pending(CommandRequested command, String correlationId, Map<String, AttributeSpec> echoed, Sender sender) {
            this.command = command;
            this.correlationId = correlationId;
            this.echoed = echoed;
            this.sender = sender;
        }
    }

    private final ConfirmationSettings settings;
    private final Scheduler scheduler;
    private final LongUnaryOperator random;
    private final Consumer<CommandFailed> failed;
    private final Consumer<CommandConfirmed> confirmedOnes;
    private final Map<DeviceId, List<Pending>> pending = new HashMap<>();
    private long confirmed;
    private long resent;
    private long failedCount;
    /** Set once the gateway's registry is known; tests of the logic alone run without one. */
    private Timer confirmationTime;

    /** {@code random.applyAsLong(n)} returns a value in [0, n): the jitter in milliseconds. */
    public CommandConfirmations(ConfirmationSettings settings, Scheduler scheduler, LongUnaryOperator random,
                                Consumer<CommandFailed> failed) {
        this(settings, scheduler, random, failed, c -> { });
    }

    /** As above, and {@code confirmedOnes} hears of every command its device confirmed. */
    public CommandConfirmations(ConfirmationSettings settings, Scheduler scheduler, LongUnaryOperator random,
                                Consumer<CommandFailed> failed, Consumer<CommandConfirmed> confirmedOnes) {
        this.confirmedOnes = confirmedOnes;
        this.settings = settings;
        this.scheduler = scheduler;
        this.random = random;
        this.failed = failed;
    }

    /**
     * Sends a command through {@code sender} and watches for the echo of the attributes in {@code echoed} (those the
     * device reports), sending it again if none comes; the result is the first send's acknowledgement.
     */
    public CompletionStage<Void> send(CommandRequested command, String correlationId, Map<String, AttributeSpec> echoed,
                                      Sender sender) {
        if (!settings.enabled() || echoed.isEmpty()) return sender.send();
        List<Pending> forDevice = pending.computeIfAbsent(command.device(), d -> new ArrayList<>());
        forDevice.removeIf(p -> overlaps(p, command) && cancel(p));
        Pending p = new Pending(command, correlationId, Map.copyOf(echoed), sender);
        forDevice.add(p);
        return dispatch(p);
    }

    /** A state report of {@code device} arrived (changed or not): confirms what it echoes. */
    public void onReport(DeviceId device, Optional<DeviceState> state) {
        List<Pending> forDevice = pending.get(device);
        if (forDevice == null || state.isEmpty()) return;
        forDevice.removeIf(p -> echoes(state.get(), p) && confirm(p));
        if (forDevice.isEmpty()) pending.remove(device);
    }

    public int waiting() {
        return pending.values().stream().mapToInt(List::size).sum();
    }

    public long confirmed() {
        return confirmed;
    }

    /** Sends repeated because no confirmation came in time. */
    public long resent() {
        return resent;
    }

    /** Commands given up on after every retry. */
    public long failed() {
        return failedCount;
    }

    /** Registers the closed-loop figures ({@code hearth.commands.*}) on the gateway's registry. */
    public void registerMeters(io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.Gauge.builder("hearth.commands.waiting", this, CommandConfirmations::waiting)
                .description("Commands sent and waiting for their device to echo the requested state").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("hearth.commands.confirmed", this, CommandConfirmations::confirmed)
                .description("Commands whose device echoed the requested state").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("hearth.commands.resent", this, CommandConfirmations::resent)
                .description("Commands sent again because no confirmation came in time").register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder("hearth.commands.failed", this, CommandConfirmations::failed)
                .description("Commands never confirmed after every retry (command_failed)").register(meters);
        confirmationTime = Timer.builder("hearth.commands.confirmation")
                .description("Time from a command's request to its device's echo (resends included)").register(meters);
    }

    /** The timeout starts once the broker has this attempt; until then a retry would only queue another copy. */
    private CompletionStage<Void> dispatch(Pending p) {
        CompletionStage<Void> acknowledged = p.sender.send();
        acknowledged.whenComplete((ok, e) -> {
            if (!stillWaiting(p)) return;
            if (e == null) p.timer = scheduler.schedule(settings.timeout(), () -> timedOut(p));
            else remove(p);
        });
        return acknowledged;
    }

    private boolean stillWaiting(Pending p) {
        List<Pending> forDevice = pending.get(p.command.device());
        return forDevice != null && forDevice.contains(p);
    }

    private boolean confirm(Pending p) {
        p.timer.cancel();
        confirmed++;
        Instant now = scheduler.now();
        Duration took = Duration.between(p.requested, now);
        if (confirmationTime != null) confirmationTime.record(took);
        confirmedOnes.accept(new CommandConfirmed(p.command.device(), p.command.set(), p.correlationId, p.command.origin(),
                p.attempts, took, now));
        log.debug("Command {} for {} confirmed after {} attempt(s)", p.correlationId, p.command.device(), p.attempts);
        return true;
    }

    private void timedOut(Pending p) {
        if (p.attempts > settings.retries()) {
            remove(p);
            failedCount++;
            log.warn("Command {} for {} ({}) failed: no confirmation on its state topic after {} attempts",
                    p.command.set(), p.command.device(), p.command.origin(), p.attempts);
            failed.accept(new CommandFailed(p.command.device(), p.command.set(), p.correlationId, p.command.origin(),
                    p.attempts, scheduler.now()));
            return;
        }
        long jitter = settings.jitter().isZero() ? 0 : random.applyAsLong(settings.jitter().toMillis());
        p.timer = scheduler.schedule(Duration.ofMillis(jitter), () -> resend(p));
    }

    private void resend(Pending p) {
        p.attempts++;
        resent++;
        log.info("Command {} for {} not confirmed; sending it again (attempt {} of {})", p.command.set(), p.command.device(),
                p.attempts, settings.retries() + 1);
        dispatch(p);
    }

    private void remove(Pending p) {
        List<Pending> forDevice = pending.get(p.command.device());
        if (forDevice == null) return;
        forDevice.remove(p);
        if (forDevice.isEmpty()) pending.remove(p.command.device());
    }

    /** Each echoed attribute reports the requested value, as its spec matches them (within its step: devices round). */
    private static boolean echoes(DeviceState state, Pending p) {
        for (Map.Entry<String, Value> e : p.command.set().entrySet()) {
            AttributeSpec spec = p.echoed.get(e.getKey());
            if (spec == null) continue;
            Optional<Value> reported = state.value(e.getKey());
            if (reported.isEmpty() || !spec.confirms(reported.get(), e.getValue())) return false;
        }
        return true;
    }

    private static boolean overlaps(Pending p, CommandRequested next) {
        return p.command.set().keySet().stream().anyMatch(next.set()::containsKey);
    }

    private static boolean cancel(Pending p) {
        p.timer.cancel();
        return true;
    }
}
