package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.support.LogLines;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A full outbox tells its refusals at a bounded rate, with the counts (issue 14, item 7). */
class RefusalLogTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void thousandsOfRefusalsMakeOneLineAtOnceAndOneSummaryPerInterval() {
        RefusalLog refusals = new RefusalLog("broker");
        try (LogLines log = LogLines.of(Outbox.class)) {
            for (int i = 0; i < 3_000; i++) refusals.refused(command(), "outbox full", T0.plusMillis(i));
            refusals.refused(telemetry(), "outbox full", T0.plusSeconds(5));
            refusals.tick(T0.plusSeconds(9));
            assertThat(log.lines()).hasSize(1);

            refusals.tick(T0.plusSeconds(10));
            refusals.tick(T0.plusSeconds(25));

            assertThat(log.lines()).containsExactly(
                    "ERROR Outbox broker: refused 1 commands and 0 telemetry messages, last to 'z/light/set': outbox full. "
                            + "Is the broker unreachable for long? See hearth.outbox.status.",
                    "ERROR Outbox broker: refused 2999 commands and 1 telemetry messages in the last 10 s, last to 'z/sensor': "
                            + "outbox full. Is the broker unreachable for long? See hearth.outbox.status.");
        }
    }

    @Test
    void droppedTelemetryAloneIsAWarning() {
        RefusalLog refusals = new RefusalLog("uplink");
        try (LogLines log = LogLines.of(Outbox.class)) {
            refusals.refused(telemetry(), "outbox full", T0);
            assertThat(log.lines()).containsExactly("WARN Outbox uplink: dropped 1 telemetry messages, last to 'z/sensor': outbox full");
        }
    }

    private static Publication command() {
        return new Publication("z/light/set", "{}".getBytes(StandardCharsets.UTF_8), 1, false).withKind(Publication.Kind.COMMAND);
    }

    private static Publication telemetry() {
        return new Publication("z/sensor", "{}".getBytes(StandardCharsets.UTF_8), 1, false).withKind(Publication.Kind.TELEMETRY);
    }
}
