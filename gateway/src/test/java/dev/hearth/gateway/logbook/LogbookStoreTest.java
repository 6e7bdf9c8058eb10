package dev.hearth.gateway.logbook;

import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LogbookStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void pagesAndFiltersReadTheEntriesNewestFirstWithoutTheTimeAndRoomIndexes() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given a logbook of 300 entries, a second apart, alternating between two devices in two rooms
            LogbookStore store = new LogbookStore(db);
            store.append(entries(1, 300));

            // when pages are read by time, device and room
            LogbookQuery.Page newest = store.query(query(T0, T0.plusSeconds(400), Optional.empty(), Optional.empty(), 10));
            LogbookQuery.Page window = store.query(query(T0.plusSeconds(100), T0.plusSeconds(110), Optional.empty(), Optional.empty(), 100));
            LogbookQuery.Page device = store.query(query(T0, T0.plusSeconds(400), Optional.of("sensor_b"), Optional.empty(), 3));
            LogbookQuery.Page room = store.query(query(T0, T0.plusSeconds(50), Optional.empty(), Optional.of("hall"), 100));

            // then each holds what it asked for, newest first
            assertThat(newest.entries()).extracting(LogbookEntry::id).containsExactly(300L, 299L, 298L, 297L, 296L, 295L, 294L, 293L, 292L, 291L);
            assertThat(newest.next()).hasValue(291L);
            assertThat(window.entries()).extracting(LogbookEntry::id).containsExactly(109L, 108L, 107L, 106L, 105L, 104L, 103L, 102L, 101L, 100L);
            assertThat(device.entries()).extracting(LogbookEntry::id).containsExactly(300L, 298L, 296L);
            assertThat(room.entries()).extracting(LogbookEntry::id).hasSize(25).allMatch(id -> id % 2 == 1);
        }
    }

    @Test
    void retentionDeletesExactlyTheEntriesOlderThanTheCutoff() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given 300 entries a second apart
            LogbookStore store = new LogbookStore(db);
            store.append(entries(1, 300));

            // when the entries older than the 101st second are deleted, and then those older than the end
            int first = store.deleteBefore(T0.plusSeconds(101));
            int none = store.deleteBefore(T0.plusSeconds(101));
            LogbookQuery.Page left = store.query(query(T0, T0.plusSeconds(400), Optional.empty(), Optional.empty(), 500));
            int rest = store.deleteBefore(T0.plusSeconds(1000));

            // then the first 100 went, the rest stayed until their own cutoff
            assertThat(first).isEqualTo(100);
            assertThat(none).isZero();
            assertThat(left.entries()).hasSize(200).last().extracting(LogbookEntry::id).isEqualTo(101L);
            assertThat(rest).isEqualTo(200);
            assertThat(store.lastId()).isZero();
        }
    }

    @Test
    void aDevicesPagesFindItsEntriesAcrossAppendsAndSpansWithoutAnIndexEntryPerRow() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given a rare device seen once in each of several appends of a busy device, the busy device's entries
            // spanning more ids than one span holds, and a second store over the same file (no spans in memory)
            LogbookStore store = new LogbookStore(db);
            List<Long> rare = List.of(5L, 2_500L, 4_100L, 9_000L, 12_000L);
            for (int batch = 0; batch < 12; batch++) store.append(mixed(batch * 1_000 + 1, batch * 1_000 + 1_000, rare));
            LogbookStore reopened = new LogbookStore(db);
            reopened.append(mixed(12_001, 12_010, rare));

            // when the rare device's and the busy device's entries are read page by page
            List<Long> rarePages = pages(reopened, "rare", 2);
            List<Long> busyPages = pages(reopened, "busy", 500);
            LogbookQuery.Page rareWindow = reopened.query(new LogbookQuery(T0.plusMillis(2_000), T0.plusMillis(5_000), Optional.of("rare"),
                    Optional.empty(), Set.of(), OptionalLong.empty(), 10));

            // then every entry of each is found once, newest first
            assertThat(rarePages).containsExactly(12_000L, 9_000L, 4_100L, 2_500L, 5L);
            assertThat(busyPages).hasSize(12_010 - rare.size()).isSortedAccordingTo((a, b) -> Long.compare(b, a))
                    .doesNotContainAnyElementsOf(rare).doesNotHaveDuplicates();
            assertThat(rareWindow.entries()).extracting(LogbookEntry::id).containsExactly(4_100L, 2_500L);
        }
    }

    @Test
    void aLogbookWrittenBeforeTheSpansIsFoundByDeviceAfterTheMigration() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given entries written with the schema that still had the device index
            db.session("logbook").migrate("logbook", LogbookStore.SCHEMA.subList(0, 6));
            db.session("logbook").transaction(c -> {
                try (var p = c.prepareStatement("INSERT INTO logbook (id, at_us, kind, device, text) VALUES (?, ?, 'state', ?, 'x')")) {
                    for (long id = 1; id <= 10_000; id++) {
                        p.setLong(1, id);
                        p.setLong(2, T0.toEpochMilli() * 1000 + id);
                        p.setString(3, id % 1_000 == 0 ? "rare" : "busy");
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                return null;
            });

            // when the store migrates it and the rare device's entries are read
            List<Long> rare = pages(new LogbookStore(db), "rare", 3);

            // then all of them are found
            assertThat(rare).containsExactly(10_000L, 9_000L, 8_000L, 7_000L, 6_000L, 5_000L, 4_000L, 3_000L, 2_000L, 1_000L);
        }
    }

    /** Every id of the device's entries, read a page at a time. */
    private static List<Long> pages(LogbookStore store, String device, int limit) {
        List<Long> ids = new ArrayList<>();
        OptionalLong before = OptionalLong.empty();
        do {
            LogbookQuery.Page page = store.query(new LogbookQuery(T0, T0.plusSeconds(100_000), Optional.of(device), Optional.empty(),
                    Set.of(), before, limit));
            page.entries().forEach(e -> ids.add(e.id()));
            before = page.next();
        } while (before.isPresent());
        return ids;
    }

    private static List<LogbookEntry> mixed(int first, int last, List<Long> rare) {
        List<LogbookEntry> entries = new ArrayList<>();
        for (long id = first; id <= last; id++) {
            entries.add(new LogbookEntry(id, T0.plusMillis(id), LogbookEntry.Kind.STATE, Optional.of(rare.contains(id) ? "rare" : "busy"),
                    Optional.of("hall"), Optional.empty(), "entry " + id));
        }
        return entries;
    }

    private static LogbookQuery query(Instant from, Instant to, Optional<String> device, Optional<String> room, int limit) {
        return new LogbookQuery(from, to, device, room, Set.of(), OptionalLong.empty(), limit);
    }

    private static List<LogbookEntry> entries(int first, int last) {
        List<LogbookEntry> entries = new ArrayList<>();
        for (int id = first; id <= last; id++) {
            boolean a = id % 2 == 1;
            entries.add(new LogbookEntry(id, T0.plusSeconds(id), LogbookEntry.Kind.STATE, Optional.of(a ? "sensor_a" : "sensor_b"),
                    Optional.of(a ? "hall" : "kitchen"), Optional.empty(), "entry " + id));
        }
        return entries;
    }
}
