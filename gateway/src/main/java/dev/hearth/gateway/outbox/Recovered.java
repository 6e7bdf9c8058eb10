package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a previous run left in the outbox's table: counted in full, read only as far as the first window of each kind. */
record Recovered(Map<Publication.Kind, OutboxStore.Backlog> backlog, Map<Publication.Kind, List<Queued>> heads,
                 long nextId, long deadLetters) {

    /** Reads it; blocking work for a worker. */
    static Recovered read(OutboxStore store, int windowRows) {
        Map<Publication.Kind, OutboxStore.Backlog> backlog = store.backlog();
        Map<Publication.Kind, List<Queued>> heads = new EnumMap<>(Publication.Kind.class);
        for (Publication.Kind kind : backlog.keySet()) heads.put(kind, store.page(kind, 0, windowRows));
        return new Recovered(backlog, heads, store.nextId(), store.deadLetters().size());
    }

    long rows() {
        return backlog.values().stream().mapToLong(OutboxStore.Backlog::rows).sum();
    }

    /** Puts the heads in the queue and counts the rest as waiting on disk only. */
    void into(OutboxQueue queue) {
        heads.forEach((kind, head) -> {
            head.forEach(queue::recovered);
            OutboxStore.Backlog all = backlog.get(kind);
            queue.recoveredOnDisk(kind, all.rows() - head.size(), all.bytes() - head.stream().mapToLong(Queued::size).sum());
        });
    }
}
