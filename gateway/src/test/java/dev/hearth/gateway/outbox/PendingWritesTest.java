package dev.hearth.gateway.outbox;

import dev.hearth.gateway.mqtt.Publication;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the outbox's next group commit writes, when messages are acknowledged before or after it. */
class PendingWritesTest {
    private static final Instant NOW = Instant.parse("2026-11-28T22:00:00Z");

    @Test
    void aRowAcknowledgedBeforeItsCommitIsNeitherWrittenNorDeleted() {
        PendingWrites pending = new PendingWrites();
        Queued first = row(1);
        Queued second = row(2);
        pending.append(first);
        pending.append(second);

        pending.remove(first);

        OutboxStore.Changes changes = pending.take();
        assertThat(changes.appended()).containsExactly(second);
        assertThat(changes.removed()).isEmpty();
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void everyRowAcknowledgedBeforeTheCommitLeavesNothingToCommit() {
        PendingWrites pending = new PendingWrites();
        pending.append(row(1));
        pending.remove(row(1));

        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.take().isEmpty()).isTrue();
    }

    @Test
    void aRowAcknowledgedOnceItsAppendIsTakenIsDeletedByTheNextCommit() {
        PendingWrites pending = new PendingWrites();
        pending.append(row(1));
        OutboxStore.Changes writing = pending.take();

        pending.remove(row(1));

        assertThat(writing.appended()).extracting(Queued::id).containsExactly(1L);
        assertThat(pending.take().removed()).containsExactly(1L);
    }

    @Test
    void aRetryBeforeTheCommitIsWrittenWithItsAttemptsInsteadOfAnUpdate() {
        PendingWrites pending = new PendingWrites();
        pending.append(row(1));
        pending.attempted(row(1).withAttempt());

        OutboxStore.Changes changes = pending.take();
        assertThat(changes.appended()).singleElement().extracting(Queued::attempts).isEqualTo(1);
        assertThat(changes.attempted()).isEmpty();

        pending.attempted(row(1).withAttempt().withAttempt());
        assertThat(pending.take().attempted()).singleElement().extracting(Queued::attempts).isEqualTo(2);
    }

    @Test
    void aDeadLetterIsWrittenToTheDeadLettersOnlyWhenItsAppendWasStillPending() {
        PendingWrites pending = new PendingWrites();
        pending.append(row(1));
        pending.bury(new OutboxStore.Dead(row(1).withAttempt(), "not authorized", NOW));

        OutboxStore.Changes changes = pending.take();
        assertThat(changes.appended()).isEmpty();
        assertThat(changes.dead()).extracting(d -> d.queued().id()).containsExactly(1L);
    }

    @Test
    void afterAFailedCommitItsRemovalsAndDeadLettersGoWithTheNextOne() {
        PendingWrites pending = new PendingWrites();
        pending.append(row(2));
        pending.remove(row(1));
        OutboxStore.Changes failed = pending.take();

        pending.retryAfterFailure(failed);

        OutboxStore.Changes next = pending.take();
        assertThat(next.removed()).containsExactly(1L);
        assertThat(next.appended()).as("refusing the failed appends is the outbox's decision").isEmpty();
    }

    private static Queued row(long id) {
        Publication p = new Publication("zigbee2mqtt/light_" + id + "/set", "{\"state\":\"ON\"}".getBytes(StandardCharsets.UTF_8), 1, false,
                Publication.Kind.COMMAND, Map.of());
        return new Queued(id, p, NOW, NOW.plus(Duration.ofMinutes(5)), 0);
    }
}
