package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.TopicRoutes;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.ValuePerTopicFormat;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Sending a command: one correlation id for all of its publications and for every resend; refused ones publish nothing. */
class CommandsTest {
    private static final DeviceSpec LAMP = new DeviceSpec(new DeviceId("lamp"), "Lamp", "", DeviceKind.LIGHT,
            new ValuePerTopicFormat("z/lamp", "z/lamp/{attribute}/set"), Optional.of("z/lamp/availability"),
            DeviceKind.LIGHT.attributes());

    private final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<Publication> published = new ArrayList<>();
    private final List<CommandFailed> failed = new ArrayList<>();
    private final Commands commands = new Commands(id -> id.equals(LAMP.id()) ? Optional.of(LAMP) : Optional.empty(), p -> {
        published.add(p);
        return CompletableFuture.completedFuture(null);
    }, new ConfirmationSettings(true, Duration.ofSeconds(5), 1, Duration.ZERO), time, failed::add);

    @Test
    void everyPublicationOfACommandAndItsResendCarryTheSameCorrelationId() {
        commands.send(new CommandRequested(LAMP.id(), Map.of("state", Value.of("ON"), "brightness", Value.of(200)), "test"));
        time.advance(Duration.ofSeconds(5));

        assertThat(published).extracting(Publication::topic)
                .containsExactly("z/lamp/brightness/set", "z/lamp/state/set", "z/lamp/brightness/set", "z/lamp/state/set");
        assertThat(published).extracting(Publication::kind).containsOnly(Publication.Kind.COMMAND);
        assertThat(published).extracting(p -> p.userProperties().get(Commands.CORRELATION_ID)).doesNotContainNull().containsOnly(
                published.get(0).userProperties().get(Commands.CORRELATION_ID));
        time.advance(Duration.ofSeconds(5));
        assertThat(failed).singleElement().satisfies(f -> assertThat(f.correlationId())
                .isEqualTo(published.get(0).userProperties().get(Commands.CORRELATION_ID)));
    }

    @Test
    void aCommandForAnUnknownDeviceOrAReadOnlyValueIsRefusedAndNothingIsPublished() {
        var unknown = commands.send(new CommandRequested(new DeviceId("ghost"), Map.of("state", Value.of("ON")), "api"));
        var outOfRange = commands.send(new CommandRequested(LAMP.id(), Map.of("brightness", Value.of(999)), "api"));

        assertThat(unknown.toCompletableFuture()).failsWithin(Duration.ZERO).withThrowableThat()
                .withCauseInstanceOf(Commands.Refused.class).withMessageContaining("unknown device ghost");
        assertThat(outOfRange.toCompletableFuture()).isCompletedExceptionally();
        assertThat(published).isEmpty();
        time.advance(Duration.ofMinutes(1));
        assertThat(failed).isEmpty();
    }

    @Test
    void aCommandWaitingForTheBrokerNeitherTimesOutNorIsQueuedAgainAndItsClockStartsAtTheAcknowledgement() {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        Commands offline = new Commands(id -> Optional.of(LAMP), p -> {
            published.add(p);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            return ack;
        }, new ConfirmationSettings(true, Duration.ofSeconds(5), 1, Duration.ZERO), time, failed::add);

        offline.send(new CommandRequested(LAMP.id(), Map.of("state", Value.of("ON")), "test"));
        time.advance(Duration.ofMinutes(1));
        assertThat(published).hasSize(1);
        assertThat(failed).isEmpty();

        acks.get(0).complete(null);
        time.advance(Duration.ofMillis(4999));
        assertThat(published).hasSize(1);
        time.advance(Duration.ofMillis(1));
        assertThat(published).as("resent once the timeout after the acknowledgement passed").hasSize(2);
        time.advance(Duration.ofMinutes(1));
        assertThat(failed).as("the resend is not acknowledged yet").isEmpty();
        acks.get(1).complete(null);
        time.advance(Duration.ofSeconds(5));
        assertThat(failed).singleElement().satisfies(f -> assertThat(f.attempts()).isEqualTo(2));
    }

    @Test
    void aCommandTheOutboxNeverDeliversIsNotReportedFailed() {
        Commands refusing = new Commands(id -> Optional.of(LAMP), p -> CompletableFuture.failedFuture(new IllegalStateException("outbox full")),
                new ConfirmationSettings(true, Duration.ofSeconds(5), 1, Duration.ZERO), time, failed::add);

        refusing.send(new CommandRequested(LAMP.id(), Map.of("state", Value.of("ON")), "test"));
        time.advance(Duration.ofMinutes(1));

        assertThat(failed).isEmpty();
    }

    @Test
    void aWriteOnlyAttributeIsNeverWaitedForTheOthersEchoConfirms() {
        DeviceRegistry registry = new DeviceRegistry(List.of(LAMP), 4096);
        commands.send(new CommandRequested(LAMP.id(), Map.of("state", Value.of("ON"), "transition", Value.of(2)), "test"));
        TopicRoutes.Route route = registry.routes().route("z/lamp/state").orElseThrow();
        registry.apply(route, "ON".getBytes(StandardCharsets.UTF_8), time.now());

        commands.reported(route, registry.state(LAMP.id()));
        time.advance(Duration.ofMinutes(1));

        assertThat(failed).isEmpty();
        assertThat(published).as("sent once, never again").hasSize(2);
    }

    @Test
    void aCommandOfWriteOnlyAttributesAloneWaitsForNoEcho() {
        commands.send(new CommandRequested(LAMP.id(), Map.of("transition", Value.of(2)), "test"));
        time.advance(Duration.ofMinutes(1));

        assertThat(failed).isEmpty();
        assertThat(published).hasSize(1);
    }
}
