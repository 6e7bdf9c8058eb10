package dev.hearth.gateway.outbox;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which inbound messages may be acknowledged: a barrier completes once everything submitted before it is safe. */
class SettlementsTest {
    private final Settlements settlements = new Settlements();

    @Test
    void aBarrierCompletesOnceEverythingSubmittedBeforeItIsSettledAndNotBeforeAnEarlierOne() {
        settlements.submitted(1);
        settlements.submitted(2);
        Future<Void> first = settlements.everythingSoFar();
        settlements.submitted(3);
        Future<Void> second = settlements.everythingSoFar();

        settlements.settled(2);
        settlements.settled(3);
        assertThat(first.isComplete()).isFalse();
        assertThat(second.isComplete()).isFalse();

        settlements.settled(1);
        assertThat(first.succeeded()).isTrue();
        assertThat(second.succeeded()).isTrue();
        assertThat(settlements.everythingSoFar().succeeded()).as("nothing unsettled").isTrue();
    }

    @Test
    void settlingTwiceOrAnIdNeverSubmittedChangesNothingAndAnIdOutOfOrderIsStillWaitedFor() {
        settlements.submitted(5);
        settlements.submitted(9);
        settlements.submitted(7); // not the outbox's order, still counted
        Future<Void> barrier = settlements.everythingSoFar();

        settlements.settled(6);
        settlements.settled(5);
        settlements.settled(5);
        settlements.settled(9);
        assertThat(barrier.isComplete()).as("7 is not settled").isFalse();

        settlements.settled(7);
        assertThat(barrier.succeeded()).isTrue();
    }

    @Test
    void theOrderHoldsWhenTheRingWrapsAroundAndGrows() {
        for (long id = 1; id <= 48; id++) settlements.submitted(id);
        for (long id = 1; id <= 40; id++) settlements.settled(id);
        for (long id = 49; id <= 300; id++) settlements.submitted(id); // past the end of the first ring, then past its size
        Future<Void> barrier = settlements.everythingSoFar();

        for (long id = 300; id >= 42; id--) settlements.settled(id);
        assertThat(barrier.isComplete()).as("41 is not settled").isFalse();

        settlements.settled(41);
        assertThat(barrier.succeeded()).isTrue();
        assertThat(settlements.everythingSoFar().succeeded()).as("nothing unsettled").isTrue();
    }

    @Test
    void thousandsOfWaitingAcknowledgementsCostWhatTheyCompleteNotAScanEach() {
        // After a restart the home releases thousands of held events at once, each waiting for its commands to be
        // safe, while each commit settles thousands of rows. A scan of every barrier per settled row blocked the
        // event loop for seconds (2 x 10^9 steps here); completing from the oldest costs one step per barrier.
        int n = 60_000;
        List<Future<Void>> barriers = new ArrayList<>(n);
        for (long id = 1; id <= n; id++) {
            settlements.submitted(id);
            barriers.add(settlements.everythingSoFar());
        }

        long started = System.nanoTime();
        for (long id = n; id >= 1; id--) settlements.settled(id);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(barriers).allMatch(Future::succeeded);
        assertThat(millis).as("ms to settle %d rows with %d barriers waiting", n, n).isLessThan(3_000);
    }
}
