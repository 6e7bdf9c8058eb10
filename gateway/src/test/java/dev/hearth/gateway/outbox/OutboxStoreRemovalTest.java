package dev.hearth.gateway.outbox;

import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Removals are deleted by runs of consecutive ids: exactly the acknowledged rows go, whatever their order. */
class OutboxStoreRemovalTest {
    private static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void removingScatteredIdsInAnyOrderLeavesExactlyTheOthers() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            OutboxStore store = new OutboxStore(db);
            store.apply(new OutboxStore.Changes(LongStream.rangeClosed(1, 12).mapToObj(OutboxStoreRemovalTest::row).toList(),
                    List.of(), List.of(), List.of()));

            store.apply(new OutboxStore.Changes(List.of(), List.of(10L, 1L, 3L, 2L, 7L, 9L, 12L, 3L), List.of(), List.of()));

            assertThat(store.queued()).extracting(Queued::id).containsExactly(4L, 5L, 6L, 8L, 11L);
        }
    }

    private static Queued row(long id) {
        Publication p = new Publication("zigbee2mqtt/light_" + id + "/set", "{\"state\":\"ON\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        return new Queued(id, p, NOW, NOW.plusSeconds(3600), 0);
    }
}
