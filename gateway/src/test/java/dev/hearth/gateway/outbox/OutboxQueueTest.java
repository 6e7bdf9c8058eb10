package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Order, caps and lifetimes of the outbox, as plain Java on explicit instants. */
class OutboxQueueTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private long ids;

    @Test
    void commandsDrainBeforeTelemetryAndEachKindKeepsItsOrder() {
        OutboxQueue queue = new OutboxQueue(100, 1_000_000);
        for (Queued q : List.of(telemetry("t/a", "1"), command("c/a", "1"), telemetry("t/a", "2"), command("c/b", "1"), command("c/a", "2"))) {
            admitted(queue, q);
            queue.ready(q);
        }
        assertThat(drain(queue)).containsExactly("c/a=1", "c/b=1", "c/a=2", "t/a=1", "t/a=2");
    }

    @Test
    void aFullOutboxDropsTheOldestTelemetryFirst() {
        OutboxQueue queue = new OutboxQueue(3, 1_000_000);
        Queued oldest = telemetry("t/a", "1");
        for (Queued q : List.of(oldest, telemetry("t/a", "2"), command("c/a", "1"))) {
            admitted(queue, q);
            queue.ready(q);
        }
        Queued newCommand = command("c/a", "2");
        OutboxQueue.Admission admission = queue.admit(newCommand);
        assertThat(admission).isEqualTo(new OutboxQueue.Admission.Admitted(List.of(oldest)));
        queue.ready(newCommand);
        assertThat(queue.rows()).isEqualTo(3);
        assertThat(drain(queue)).containsExactly("c/a=1", "c/a=2", "t/a=2");
    }

    @Test
    void aFullOutboxOfCommandsRefusesTheNextCommandAndKeepsEveryQueuedOne() {
        OutboxQueue queue = new OutboxQueue(2, 1_000_000);
        for (Queued q : List.of(command("c/a", "1"), command("c/a", "2"))) {
            admitted(queue, q);
            queue.ready(q);
        }
        assertThat(queue.admit(command("c/a", "3"))).isInstanceOf(OutboxQueue.Admission.Full.class);
        assertThat(queue.admit(telemetry("t/a", "1"))).isInstanceOf(OutboxQueue.Admission.Full.class);
        assertThat(drain(queue)).containsExactly("c/a=1", "c/a=2");
    }

    @Test
    void theByteCapCountsTopicAndPayload() {
        OutboxQueue queue = new OutboxQueue(100, 20);
        Queued first = telemetry("t/a", "0123456"); // 3 + 7 bytes
        admitted(queue, first);
        queue.ready(first);
        admitted(queue, telemetry("t/b", "abcdefg"));
        assertThat(queue.bytes()).isEqualTo(20);
        OutboxQueue.Admission third = queue.admit(telemetry("t/c", "x"));
        assertThat(third).isEqualTo(new OutboxQueue.Admission.Admitted(List.of(first)));
    }

    @Test
    void expiredRowsLeaveTheHeadOfTheirLineAndAgeIsReported() {
        OutboxQueue queue = new OutboxQueue(100, 1_000_000);
        Queued early = new Queued(ids++, pub("c/a", "1", Publication.Kind.COMMAND), T0, T0.plus(Duration.ofMinutes(5)), 0);
        Queued later = new Queued(ids++, pub("c/a", "2", Publication.Kind.COMMAND), T0.plusSeconds(60), T0.plus(Duration.ofMinutes(6)), 0);
        for (Queued q : List.of(early, later)) {
            admitted(queue, q);
            queue.ready(q);
        }
        assertThat(queue.oldestAge(T0.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(queue.expire(T0.plus(Duration.ofMinutes(5)).minusMillis(1))).isEmpty();
        assertThat(queue.expire(T0.plus(Duration.ofMinutes(5)))).containsExactly(early);
        queue.removed(early);
        assertThat(queue.oldestAge(T0.plus(Duration.ofMinutes(5)))).isEqualTo(Duration.ofMinutes(4));
        assertThat(drain(queue)).containsExactly("c/a=2");
    }

    @Test
    void aRetriedRowGoesBackToTheHeadOfItsLine() {
        OutboxQueue queue = new OutboxQueue(100, 1_000_000);
        Queued a = command("c/a", "1");
        Queued b = command("c/b", "1");
        for (Queued q : List.of(a, b)) {
            admitted(queue, q);
            queue.ready(q);
        }
        Queued sent = queue.next().orElseThrow();
        queue.retry(sent.withAttempt());
        assertThat(queue.next()).get().extracting(Queued::attempts).isEqualTo(1);
    }

    @Test
    void rowsBeyondTheWindowWaitOnDiskAndAreReadBackInOrderWhenHalfOfItHasDrained() {
        OutboxQueue queue = new OutboxQueue(100, 1_000_000, new OutboxQueue.Window(4, 1_000_000));
        List<Queued> rows = new ArrayList<>();
        for (int i = 1; i <= 7; i++) rows.add(queued(queue, telemetry("t/" + i % 2, String.valueOf(i))));
        queue.written(rows);
        assertThat(queue.inMemory()).isEqualTo(4);
        assertThat(queue.spilled()).isEqualTo(3);
        assertThat(queue.rows()).isEqualTo(7);

        sent(queue, 1);
        assertThat(queue.pageWanted(Publication.Kind.TELEMETRY)).as("three of four still in memory").isEmpty();
        sent(queue, 1);
        OutboxQueue.Page page = queue.pageWanted(Publication.Kind.TELEMETRY).orElseThrow();
        assertThat(page).isEqualTo(new OutboxQueue.Page(rows.get(3).id(), 2));
        assertThat(queue.pageWanted(Publication.Kind.TELEMETRY)).as("one read at a time").isEmpty();
        queue.paged(Publication.Kind.TELEMETRY, rows.subList(4, 6));
        assertThat(queue.spilled()).isEqualTo(1);

        assertThat(drainWithPages(queue, rows)).containsExactly("t/1=3", "t/0=4", "t/1=5", "t/0=6", "t/1=7");
        assertThat(queue.peakInMemory()).isEqualTo(4);
    }

    @Test
    void commandsOnDiskStillLeaveBeforeAnyTelemetry() {
        OutboxQueue queue = new OutboxQueue(100, 1_000_000, new OutboxQueue.Window(2, 1_000_000));
        List<Queued> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) rows.add(queued(queue, command("c/a", String.valueOf(i))));
        rows.add(queued(queue, telemetry("t/a", "1")));
        queue.written(rows);

        sent(queue, 2);
        assertThat(queue.next()).as("the third command is on disk: telemetry waits for it").isEmpty();
        queue.paged(Publication.Kind.COMMAND, queue.pageWanted(Publication.Kind.COMMAND).map(p -> rows.subList(2, 3)).orElseThrow());
        assertThat(drain(queue, 2)).containsExactly("c/a=3", "t/a=1");
    }

    @Test
    void whenTheOldestTelemetryIsOnDiskANewMessageIsTakenAndTheOldestOfTheNextPageDropped() {
        OutboxQueue queue = new OutboxQueue(3, 1_000_000, new OutboxQueue.Window(2, 1_000_000));
        List<Queued> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) rows.add(queued(queue, telemetry("t/a", String.valueOf(i))));
        queue.written(rows);
        queue.next();
        queue.next();

        Queued fourth = telemetry("t/a", "4");
        assertThat(queue.admit(fourth)).isEqualTo(new OutboxQueue.Admission.Admitted(List.of()));
        queue.ready(fourth);
        assertThat(queue.rows()).as("over the cap while the page is read").isEqualTo(4);
        queue.pageWanted(Publication.Kind.TELEMETRY).orElseThrow();
        queue.paged(Publication.Kind.TELEMETRY, List.of(rows.get(2)));

        assertThat(queue.overCaps()).containsExactly(rows.get(2));
        assertThat(queue.rows()).isEqualTo(3);
        assertThat(queue.spilled()).as("the fourth is not committed yet: still counted as waiting on disk").isEqualTo(1);
    }

    @Test
    void aFullOutboxRefusesANewCommandWhenTheQueuedCommandsAreOnDisk() {
        OutboxQueue queue = new OutboxQueue(3, 1_000_000, new OutboxQueue.Window(2, 1_000_000));
        for (int i = 1; i <= 3; i++) queued(queue, command("c/a", String.valueOf(i)));
        assertThat(queue.spilled()).isEqualTo(1);
        assertThat(queue.admit(command("c/a", "4"))).isInstanceOf(OutboxQueue.Admission.Full.class);
        assertThat(queue.rows()).isEqualTo(3);
    }

    private static Queued queued(OutboxQueue queue, Queued q) {
        admitted(queue, q);
        queue.ready(q);
        return q;
    }

    private static void sent(OutboxQueue queue, int count) {
        for (int i = 0; i < count; i++) queue.removed(queue.next().orElseThrow());
    }

    private static List<String> drain(OutboxQueue queue, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Queued q = queue.next().orElseThrow();
            out.add(q.publication().topic() + "=" + new String(q.publication().payload(), StandardCharsets.UTF_8));
            queue.removed(q);
        }
        return out;
    }

    /** Drains the queue, reading each page it asks for from {@code disk} (all rows in id order). */
    private static List<String> drainWithPages(OutboxQueue queue, List<Queued> disk) {
        List<String> out = new ArrayList<>();
        while (queue.waiting() > 0) {
            queue.pageWanted(Publication.Kind.TELEMETRY).ifPresent(p -> queue.paged(Publication.Kind.TELEMETRY,
                    disk.stream().filter(q -> q.id() > p.afterId()).limit(p.limit()).toList()));
            out.addAll(drain(queue, 1));
        }
        return out;
    }

    private static void admitted(OutboxQueue queue, Queued q) {
        assertThat(queue.admit(q)).isInstanceOf(OutboxQueue.Admission.Admitted.class);
    }

    private static List<String> drain(OutboxQueue queue) {
        List<String> out = new ArrayList<>();
        for (Optional<Queued> q = queue.next(); q.isPresent(); q = queue.next()) {
            out.add(q.get().publication().topic() + "=" + new String(q.get().publication().payload(), StandardCharsets.UTF_8));
            queue.removed(q.get());
        }
        assertThat(queue.rows()).isZero();
        return out;
    }

    private Queued command(String topic, String payload) {
        return new Queued(ids++, pub(topic, payload, Publication.Kind.COMMAND), T0, T0.plus(Duration.ofMinutes(5)), 0);
    }

    private Queued telemetry(String topic, String payload) {
        return new Queued(ids++, pub(topic, payload, Publication.Kind.TELEMETRY), T0, T0.plus(Duration.ofHours(24)), 0);
    }

    private static Publication pub(String topic, String payload, Publication.Kind kind) {
        return new Publication(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false).withKind(kind);
    }
}
