package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * Closed-loop commands: a command counts as done only when a state report of the device, arriving after
 * it was sent, carries every requested value. Otherwise it is sent again (same correlation id) after the
 * timeout plus a random jitter, {@code retries} times, and then reported as failed. A newer command for
 * the same attribute replaces an older one still waiting, so retries never fight a later decision.
 * Runs on the home's thread; time comes from the {@link Scheduler}.
 */
public final class CommandConfirmations {
    private static final Logger log = LoggerFactory.getLogger(CommandConfirmations.class);

    /** Sends (again) the publications of one command. */
    @FunctionalInterface
    public interface Sender {
        void send();
    }

    private final class Pending {
        final CommandRequested command;
        final String correlationId;
        final Sender sender;
        int attempts = 1;
        Scheduler.Cancellable timer;

        Pending(CommandRequested command, String correlationId, Sender sender) {
            this.command = command;
            this.correlationId = correlationId;
            this.sender = sender;
        }
    }

    private final ConfirmationSettings settings;
    private final Scheduler scheduler;
    private final LongUnaryOperator random;
    private final Consumer<CommandFailed> failed;
    private final Map<DeviceId, List<Pending>> pending = new HashMap<>();
    private long confirmed;
    private long resent;
    private long failedCount;

    /** {@code random.applyAsLong(n)} returns a value in [0, n): the jitter in milliseconds. */
    public CommandConfirmations(ConfirmationSettings settings, Scheduler scheduler, LongUnaryOperator random,
                                Consumer<CommandFailed> failed) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.random = random;
        this.failed = failed;
    }

    /** Watches for the echo of a command just sent; {@code sender} sends it again if none comes. */
    public void track(CommandRequested command, String correlationId, Sender sender) {
        if (!settings.enabled()) return;
        List<Pending> forDevice = pending.computeIfAbsent(command.device(), d -> new ArrayList<>());
        forDevice.removeIf(p -> overlaps(p, command) && cancel(p));
        Pending p = new Pending(command, correlationId, sender);
        forDevice.add(p);
        p.timer = scheduler.schedule(settings.timeout(), () -> timedOut(p));
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
    }

    private boolean confirm(Pending p) {
        p.timer.cancel();
        confirmed++;
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
        p.sender.send();
        p.timer = scheduler.schedule(settings.timeout(), () -> timedOut(p));
    }

    private void remove(Pending p) {
        List<Pending> forDevice = pending.get(p.command.device());
        if (forDevice == null) return;
        forDevice.remove(p);
        if (forDevice.isEmpty()) pending.remove(p.command.device());
    }

    private static boolean echoes(DeviceState state, Pending p) {
        for (Map.Entry<String, Value> e : p.command.set().entrySet()) {
            if (!state.value(e.getKey()).map(v -> same(v, e.getValue())).orElse(false)) return false;
        }
        return true;
    }

    private static boolean same(Value reported, Value requested) {
        if (reported instanceof Value.Number a && requested instanceof Value.Number b) return Math.abs(a.value() - b.value()) < 1e-9;
        return reported.equals(requested);
    }

    private static boolean overlaps(Pending p, CommandRequested next) {
        return p.command.set().keySet().stream().anyMatch(next.set()::containsKey);
    }

    private static boolean cancel(Pending p) {
        p.timer.cancel();
        return true;
    }
}
