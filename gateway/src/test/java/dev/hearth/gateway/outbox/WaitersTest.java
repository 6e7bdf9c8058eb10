package dev.hearth.gateway.outbox;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who waits for which message: a submitter for its own, an acknowledgement for everything submitted before it. */
class WaitersTest {
    private final Waiters waiters = new Waiters();

    @Test
    void aCommittedMessageIsSafeButNotDeliveredUntilTheBrokerAcknowledgesIt() {
        Outbox.Submission s = waiters.watched(1);

        waiters.committed(1);
        assertThat(s.committed().succeeded()).isTrue();
        assertThat(s.delivered().isComplete()).isFalse();

        waiters.delivered(1);
        assertThat(s.delivered().succeeded()).isTrue();
    }

    @Test
    void aMessageGivenUpFailsBothMomentsWithTheReason() {
        Outbox.Submission s = waiters.watched(1);

        waiters.failed(1, "expired before it could be delivered");

        assertThat(s.committed().failed()).isTrue();
        assertThat(s.delivered().cause()).hasMessage("expired before it could be delivered");
    }

    @Test
    void everythingSoFarWaitsForUnwatchedMessagesTooButNotForLaterOnes() {
        waiters.watched(1);
        waiters.unwatched(2);
        Future<Void> soFar = waiters.everythingSoFar();
        waiters.watched(3);

        waiters.committed(1);
        assertThat(soFar.isComplete()).isFalse();
        waiters.delivered(2);
        assertThat(soFar.succeeded()).as("message 3 came after the barrier").isTrue();
    }

    @Test
    void aRefusedSubmissionHasFailedAlready() {
        Outbox.Submission s = Waiters.refused("outbox full");

        assertThat(s.committed().failed()).isTrue();
        assertThat(s.delivered().cause()).hasMessage("outbox full");
        assertThat(waiters.everythingSoFar().succeeded()).isTrue();
    }
}
