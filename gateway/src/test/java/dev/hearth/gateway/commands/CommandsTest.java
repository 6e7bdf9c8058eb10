package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.PayloadFormat;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

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
            PayloadFormat.VALUE_PER_TOPIC, "z/lamp", Optional.of("z/lamp/{attribute}/set"), "z/lamp/availability",
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
}
