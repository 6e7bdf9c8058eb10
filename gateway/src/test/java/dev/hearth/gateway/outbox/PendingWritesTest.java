package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What the outbox's next group commit writes, when messages are acknowledged before or after it. */
class PendingWritesTest {
    private static final Instant NOW = Instant.parse("2026-11-28T22:00:00Z");
    private static final long GRACE = 20_000_000;
    private static final long TIDY = 100_000_000;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aRowAcknowledgedBeforeItsCommitIsNeitherWrittenNorDeleted() {
        PendingWrites pending = new PendingWrites(nanos::get);
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
        PendingWrites pending = new PendingWrites(nanos::get);
        pending.append(row(1));
        pending.remove(row(1));

        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.take().isEmpty()).isTrue();
    }

    @Test
    void aRowAcknowledgedOnceItsAppendIsTakenIsDeletedByTheNextCommit() {
        PendingWrites pending = new PendingWrites(nanos::get);
        pending.append(row(1));
        OutboxStore.Changes writing = pending.take();

        pending.remove(row(1));

        assertThat(writing.appended()).extracting(Queued::id).containsExactly(1L);
        assertThat(pending.take().removed()).containsExactly(1L);
    }

    @Test
    void aRetryBeforeTheCommitIsWrittenWithItsAttemptsInsteadOfAnUpdate() {
        PendingWrites pending = new PendingWrites(nanos::get);
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
        PendingWrites pending = new PendingWrites(nanos::get);
        pending.append(row(1));
        pending.bury(new OutboxStore.Dead(row(1).withAttempt(), "not authorized", NOW));

        OutboxStore.Changes changes = pending.take();
        assertThat(changes.appended()).isEmpty();
        assertThat(changes.dead()).extracting(d -> d.queued().id()).containsExactly(1L);
    }

    @Test
    void afterAFailedCommitItsRemovalsAndDeadLettersGoWithTheNextOne() {
        PendingWrites pending = new PendingWrites(nanos::get);
        pending.append(row(2));
        pending.remove(row(1));
        OutboxStore.Changes failed = pending.take();

        pending.retryAfterFailure(failed);

        OutboxStore.Changes next = pending.take();
        assertThat(next.removed()).containsExactly(1L);
        assertThat(next.appended()).as("refusing the failed appends is the outbox's decision").isEmpty();
    }

    @Test
    void aCommitTakesOnlyTheRowsThatHaveWaitedTheirGraceAndTheYoungerOnesStayPending() {
        PendingWrites pending = new PendingWrites(nanos::get);
        pending.append(row(1));
        nanos.addAndGet(15_000_000);
        pending.append(row(2));
        nanos.addAndGet(5_000_000);

        OutboxStore.Changes due = pending.takeDue(GRACE, TIDY);

        assertThat(due.appended()).extracting(Queued::id).containsExactly(1L);
        assertThat(pending.hasAppends()).isTrue();
        assertThat(pending.dueAt(GRACE, TIDY)).as("the younger row is due 20 ms after it came").isEqualTo(nanos.get() + 15_000_000);
        pending.remove(row(2));
        assertThat(pending.isEmpty()).as("acknowledged within its grace: never written, never deleted").isTrue();
    }

    @Test
    void removalsAloneWaitTheTidyDelayButGoWithTheFirstRipeAppend() {
        PendingWrites pending = new PendingWrites(nanos::get);
        pending.remove(row(1));
        pending.append(row(2));

        assertThat(pending.dueAt(GRACE, TIDY)).isEqualTo(nanos.get() + GRACE);
        assertThat(pending.takeDue(GRACE, TIDY).isEmpty()).as("nothing has waited long enough").isTrue();

        nanos.addAndGet(GRACE);
        OutboxStore.Changes due = pending.takeDue(GRACE, TIDY);
        assertThat(due.appended()).extracting(Queued::id).containsExactly(2L);
        assertThat(due.removed()).containsExactly(1L);

        pending.remove(row(3));
        nanos.addAndGet(TIDY - 1);
        assertThat(pending.takeDue(GRACE, TIDY).isEmpty()).isTrue();
        nanos.addAndGet(1);
        assertThat(pending.takeDue(GRACE, TIDY).removed()).containsExactly(3L);
    }

    @Test
    void aRetryKeepsTheGraceOfItsFirstAppend() {
        PendingWrites pending = new PendingWrites(nanos::get);
        pending.append(row(1));
        nanos.addAndGet(GRACE);
        pending.attempted(row(1).withAttempt());

        assertThat(pending.takeDue(GRACE, TIDY).appended()).singleElement().extracting(Queued::attempts).isEqualTo(1);
    }

    private static Queued row(long id) {
        Publication p = new Publication("zigbee2mqtt/light_" + id + "/set", "{\"state\":\"ON\"}".getBytes(StandardCharsets.UTF_8), 1, false,
                Publication.Kind.COMMAND, Map.of());
        return new Queued(id, p, NOW, NOW.plus(Duration.ofMinutes(5)), 0);
    }
}
