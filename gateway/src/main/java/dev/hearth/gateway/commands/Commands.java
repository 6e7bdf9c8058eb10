package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.TopicRoutes;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.PublishRefused;
import dev.hearth.gateway.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sending a command to a device: validated against what it accepts, encoded in its payload format, tagged with a
 * correlation id, published, and watched until the device echoes it ({@link CommandConfirmations}, which sends it
 * again or reports {@link CommandFailed}). Runs on the home's thread; time comes from the {@link Scheduler}.
 */
public final class Commands {
    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    /** The MQTT v5 user property that carries a command's correlation id (the same on every resend). */
    public static final String CORRELATION_ID = "correlation-id";

    /**
     * Where a command's publications go: completes on the broker's acknowledgement, fails when it never will come;
     * either completes on the home's thread.
     */
    @FunctionalInterface
    public interface Publisher {
        CompletionStage<Void> publish(Publication publication);
    }

    /** A command the device cannot take (unknown device, read-only attribute, value out of range). */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    private final Function<DeviceId, Optional<DeviceSpec>> devices;
    private final Publisher publisher;
    private final CommandConfirmations confirmations;

    /** {@code failed} hears of every command never confirmed after its retries. */
    public Commands(Function<DeviceId, Optional<DeviceSpec>> devices, Publisher publisher, ConfirmationSettings settings,
                    Scheduler scheduler, Consumer<CommandFailed> failed) {
        this(devices, publisher, settings, scheduler, failed, c -> { });
    }

    /** As above, and {@code confirmed} hears of every command its device confirmed. */
    public Commands(Function<DeviceId, Optional<DeviceSpec>> devices, Publisher publisher, ConfirmationSettings settings,
                    Scheduler scheduler, Consumer<CommandFailed> failed, Consumer<CommandConfirmed> confirmed) {
        this.devices = devices;
        this.publisher = publisher;
        this.confirmations = new CommandConfirmations(settings, scheduler,
                bound -> ThreadLocalRandom.current().nextLong(bound), failed, confirmed);
    }

    /**
     * Validates, encodes and publishes a command, and watches for its echo; completes when the broker has every
     * publication, fails with {@link Refused} when the device cannot take it.
     */
    public CompletionStage<Void> send(CommandRequested command) {
        Optional<DeviceSpec> device = devices.apply(command.device());
        if (device.isEmpty()) return CompletableFuture.failedFuture(new Refused("unknown device " + command.device()));
        CommandEncoder.Encoded encoded = CommandEncoder.encode(device.get(), command.set());
        if (encoded instanceof CommandEncoder.Invalid invalid) {
            log.warn("Command from {} refused: {}", command.origin(), invalid.problems());
            return CompletableFuture.failedFuture(new Refused(String.join("; ", invalid.problems())));
        }
        String correlationId = correlationId();
        List<Publication> encodedPublications = ((CommandEncoder.Ok) encoded).publications();
        List<Publication> publications = new ArrayList<>(encodedPublications.size());
        for (Publication p : encodedPublications) {
            publications.add(p.withKind(Publication.Kind.COMMAND).withUserProperty(CORRELATION_ID, correlationId));
        }
        Map<String, AttributeSpec> echoed = device.get().reported(command.set().keySet());
        return confirmations.send(command, correlationId, echoed, () -> publishAll(publications)).whenComplete((ok, e) -> {
            // A full outbox tells its refusals itself, at a bounded rate.
            if (e != null && !(cause(e) instanceof PublishRefused)) {
                log.warn("Command {} for {} not delivered: {}", command.set(), command.device(), cause(e).getMessage());
            }
        });
    }

    /**
     * Asks a device just discovered to report what it can be asked for (Zigbee2MQTT's {@code /get}), so that a value
     * it sent before its topics were subscribed is not missed; nothing when its format has no such request. A read is
     * not a command: nothing waits for its answer.
     */
    public void requestState(DeviceSpec device) {
        device.format().stateRequest(device.attributes()).ifPresent(read -> publisher.publish(new Publication(read.topic(),
                read.payload().getBytes(StandardCharsets.UTF_8), CommandEncoder.COMMAND_QOS, false, Publication.Kind.COMMAND, Map.of()))
                .whenComplete((ok, e) -> {
                    if (e != null) log.debug("State request to {} not sent: {}", device.id(), cause(e).getMessage());
                }));
    }

    /** A message on {@code route} was applied: if it reports the device's state, it may be the echo a command waits for. */
    public void reported(TopicRoutes.Route route, Optional<DeviceState> state) {
        if (route.reportsState()) confirmations.onReport(route.device().id(), state);
    }

    /** Registers the closed-loop figures ({@code hearth.commands.*}). */
    public void registerMeters(MeterRegistry meters) {
        confirmations.registerMeters(meters);
    }

    /** The failure itself, not the wrapper a dependent stage puts around it. */
    public static Throwable cause(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private CompletionStage<Void> publishAll(List<Publication> publications) {
        if (publications.size() == 1) return publisher.publish(publications.get(0));
        CompletableFuture<?>[] acks = publications.stream().map(p -> publisher.publish(p).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks);
    }

    /**
     * A random (version 4) UUID from a fast generator: a correlation id only has to be unique, not secret, and
     * {@code UUID.randomUUID()} reads {@code /dev/urandom} under a lock (2 % of the home loop's time at saturation).
     */
    static String correlationId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
