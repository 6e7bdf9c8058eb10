package dev.hearth.gateway.logbook;

import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import dev.hearth.gateway.store.Session;
import dev.hearth.gateway.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogbookChunksTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final List<String> DEVICES = List.of("motion_1", "light_1", "light_2", "rare");

    @TempDir
    Path dir;

    @Test
    void pagesCrossChunkBoundariesAndReadEveryMatchingEntryOnceNewestFirst() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given 2,000 entries appended in batches of uneven sizes (chunks of 1 to 256 entries, cut inside batches)
            LogbookStore store = new LogbookStore(db);
            List<LogbookEntry> all = entries(1, 2_000);
            int at = 0;
            for (int size : List.of(1, 255, 257, 3, 512, 700, 272)) {
                store.append(all.subList(at, at + size));
                at += size;
            }

            // when every page is read with limits that end inside and at chunk boundaries, with and without filters
            for (int limit : List.of(1, 7, 100, 255, 256, 257, 500)) {
                Instant from = T0.plusSeconds(150);
                Instant to = T0.plusSeconds(1_700);
                // then each listing is exactly the matching entries, newest first
                assertThat(pages(store, T0, T0.plusSeconds(10_000), Optional.empty(), Optional.empty(), Set.of(), limit))
                        .isEqualTo(expected(all, e -> true));
                assertThat(pages(store, from, to, Optional.empty(), Optional.of("kitchen"), Set.of(LogbookEntry.Kind.AUTOMATION), limit))
                        .isEqualTo(expected(all, e -> inside(e, from, to) && e.room().equals(Optional.of("kitchen"))
                                && e.kind() == LogbookEntry.Kind.AUTOMATION));
            }
        }
    }

    @Test
    void aDevicesPagesFindItsEntriesInChunksAcrossItsSpansAndFromACursorInsideAChunk() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given 12,000 entries in appends of 1,000 (the rare device in some of them), read by a second store
            LogbookStore store = new LogbookStore(db);
            List<LogbookEntry> all = entries(1, 12_000);
            for (int first = 0; first < all.size(); first += 1_000) store.append(all.subList(first, first + 1_000));
            LogbookStore reopened = new LogbookStore(db);

            // when each device's entries are read page by page, in a window, and from a cursor in the middle of a chunk
            Instant from = T0.plusSeconds(2_345);
            Instant to = T0.plusSeconds(9_876);
            for (String device : DEVICES) {
                // then each page lists the device's entries once, newest first
                assertThat(pages(reopened, T0, T0.plusSeconds(100_000), Optional.of(device), Optional.empty(), Set.of(), 37))
                        .isEqualTo(expected(all, e -> e.device().equals(Optional.of(device))));
                assertThat(pages(reopened, from, to, Optional.of(device), Optional.empty(), Set.of(), 100))
                        .isEqualTo(expected(all, e -> e.device().equals(Optional.of(device)) && inside(e, from, to)));
            }
            LogbookQuery.Page fromCursor = reopened.query(new LogbookQuery(T0, T0.plusSeconds(100_000), Optional.of("motion_1"),
                    Optional.empty(), Set.of(), OptionalLong.of(5_130), 3));
            List<Long> motionBelow = expected(all, e -> e.device().equals(Optional.of("motion_1")) && e.id() < 5_130).subList(0, 3);
            assertThat(fromCursor.entries()).extracting(LogbookEntry::id).isEqualTo(motionBelow);
            assertThat(fromCursor.next()).hasValue(motionBelow.get(2));
        }
    }

    @Test
    void retentionRewritesTheChunkThatStraddlesTheCutoffSoThatItsOlderEntriesAreGoneForGood() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given 600 entries a second apart in one append (chunks 1-256, 257-512, 513-600)
            LogbookStore store = new LogbookStore(db);
            store.append(entries(1, 600));

            // when the entries older than the 301st second are deleted and the store is opened again
            int deleted = store.deleteBefore(T0.plusSeconds(301));
            LogbookStore reopened = new LogbookStore(db);

            // then the first 300 went (a whole chunk and part of the next), for every query and after the restart
            assertThat(deleted).isEqualTo(300);
            assertThat(pages(reopened, T0, T0.plusSeconds(10_000), Optional.empty(), Optional.empty(), Set.of(), 100))
                    .hasSize(300).endsWith(301L);
            assertThat(pages(reopened, T0, T0.plusSeconds(10_000), Optional.of("light_1"), Optional.empty(), Set.of(), 500))
                    .allMatch(id -> id >= 301).isNotEmpty();
            assertThat(reopened.lastId()).isEqualTo(600);
            assertThat(reopened.deleteBefore(T0.plusSeconds(301))).isZero();
            assertThat(reopened.deleteBefore(T0.plusSeconds(550))).isEqualTo(249);
        }
    }

    @Test
    void aLogbookOfARowPerEntryIsMovedIntoChunksAtTheFirstStartAndItsTableDropped() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given 20,000 entries written as rows by the layout before the chunks (one of them of a kind no longer known)
            List<LogbookEntry> all = entries(1, 20_000);
            var session = db.session("logbook");
            session.migrate("logbook", LogbookStore.SCHEMA.subList(0, 6));
            writeOldRows(session, all);

            // when the store opens it (twice)
            LogbookStore store = new LogbookStore(db);
            new LogbookStore(db);

            // then every entry reads as before, the old table is gone and ids count on from the last
            LogbookQuery all500 = new LogbookQuery(T0, T0.plusSeconds(100_000), Optional.empty(), Optional.empty(), Set.of(),
                    OptionalLong.empty(), 500);
            assertThat(readAll(store, all500)).isEqualTo(all.stream().sorted(Comparator.comparingLong(LogbookEntry::id).reversed())
                    .map(e -> e.id() == 9 ? new LogbookEntry(9, e.at(), LogbookEntry.Kind.STATE, e.device(), e.room(), e.automation(), e.text()) : e)
                    .toList());
            assertThat(pages(store, T0, T0.plusSeconds(100_000), Optional.of("rare"), Optional.empty(), Set.of(), 10))
                    .isEqualTo(expected(all, e -> e.device().equals(Optional.of("rare"))));
            assertThat(count(session, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'LOGBOOK'")).isZero();
            assertThat(count(session, "SELECT COUNT(*) FROM logbook_chunk")).isEqualTo(79); // batches of 16,384 rows: 64 chunks, then 15
            assertThat(store.lastId()).isEqualTo(20_000);
        }
    }

    @Test
    void aMoveStoppedHalfwayGoesOnFromTheNewestChunkWithoutLosingOrRepeatingAnEntry() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given 20,000 old rows of which the first 16,384 were moved into chunks when the gateway stopped
            List<LogbookEntry> all = entries(1, 20_000);
            Session session = db.session("logbook");
            session.migrate("logbook", LogbookStore.SCHEMA.subList(0, 6));
            writeOldRows(session, all);
            session.migrate("logbook", LogbookStore.SCHEMA);
            session.transaction(c -> {
                LogbookChunks.insert(c, all.subList(0, 16_384));
                return null;
            });

            // when the store opens it
            LogbookStore store = new LogbookStore(db);

            // then every entry is there once
            assertThat(pages(store, T0, T0.plusSeconds(100_000), Optional.empty(), Optional.empty(), Set.of(), 500))
                    .isEqualTo(expected(all, e -> true));
            assertThat(count(session, "SELECT SUM(entries) FROM logbook_chunk")).isEqualTo(20_000);
        }
    }

    @Test
    void aChunkOfAnUnknownEncodingOrCutShortIsAnErrorNotAnEmptyPage() {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            // given 600 entries, then one chunk's bytes changed to another encoding and another's cut short
            LogbookStore store = new LogbookStore(db);
            store.append(entries(1, 600));
            var session = db.session("logbook");
            session.transaction(c -> c.createStatement().executeUpdate("UPDATE logbook_chunk SET body = X'07' || body WHERE first_id = 513"));

            // when the newest page, and retention over that chunk, are asked for
            // then each fails, saying why, and retention deletes nothing
            LogbookQuery newest = new LogbookQuery(T0, T0.plusSeconds(10_000), Optional.empty(), Optional.empty(), Set.of(), OptionalLong.empty(), 10);
            assertThatThrownBy(() -> store.query(newest)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("logbook chunk 513: unknown encoding 7");
            assertThatThrownBy(() -> store.deleteBefore(T0.plusSeconds(550))).isInstanceOf(StoreException.class);
            session.transaction(c -> c.createStatement().executeUpdate(
                    "UPDATE logbook_chunk SET body = SUBSTRING(body FROM 2 FOR OCTET_LENGTH(body) - 20) WHERE first_id = 513"));
            assertThatThrownBy(() -> store.query(newest)).isInstanceOf(StoreException.class).hasMessageContaining("logbook chunk 513: ");
            assertThat(count(session, "SELECT SUM(entries) FROM logbook_chunk")).isEqualTo(600);
        }
    }

    @Test
    void theEncodingKeepsEveryFieldIncludingTimesThatGoBackAndTextsOutsideAscii() throws Exception {
        // given entries with and without device, room and automation, a clock step back and non-ASCII texts
        List<LogbookEntry> entries = List.of(
                new LogbookEntry(10, T0, LogbookEntry.Kind.EVENT, Optional.of("küche_schalter"), Optional.of("Küche"), Optional.empty(), "action → single 🔘"),
                new LogbookEntry(11, T0.minusMillis(1_500), LogbookEntry.Kind.AUTOMATION, Optional.empty(), Optional.empty(), Optional.of("lights"), "ran"),
                new LogbookEntry(40, T0.plusNanos(3_000), LogbookEntry.Kind.AUTOMATION, Optional.empty(), Optional.empty(), Optional.of("lights"), "ran"),
                new LogbookEntry(41, Instant.EPOCH.minusSeconds(5), LogbookEntry.Kind.COMMAND, Optional.of("x"), Optional.empty(), Optional.empty(), "x".repeat(999)));

        // when they are encoded and decoded
        List<LogbookEntry> decoded = ChunkCodec.decode(ChunkCodec.encode(entries)).entries();

        // then they are the same
        assertThat(decoded).isEqualTo(entries);
    }

    /** Rows as the logbook before the chunks wrote them (entry 9 of a kind no longer known). */
    private static void writeOldRows(Session session, List<LogbookEntry> entries) {
        session.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO logbook VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (LogbookEntry e : entries) {
                    p.setLong(1, e.id());
                    p.setLong(2, LogbookStore.micros(e.at()));
                    p.setString(3, e.id() == 9 ? "gone" : e.kind().apiName());
                    p.setString(4, e.device().orElse(null));
                    p.setString(5, e.room().orElse(null));
                    p.setString(6, e.automation().orElse(null));
                    p.setString(7, e.text());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    private static int count(Session session, String sql) {
        return session.transaction(c -> {
            try (var r = c.createStatement().executeQuery(sql)) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    private static boolean inside(LogbookEntry e, Instant from, Instant to) {
        return !e.at().isBefore(from) && e.at().isBefore(to);
    }

    private static List<Long> expected(List<LogbookEntry> all, Predicate<LogbookEntry> filter) {
        return all.stream().filter(filter).map(LogbookEntry::id).sorted(Comparator.reverseOrder()).toList();
    }

    private static List<Long> pages(LogbookStore store, Instant from, Instant to, Optional<String> device, Optional<String> room,
                                    Set<LogbookEntry.Kind> kinds, int limit) {
        return readAll(store, new LogbookQuery(from, to, device, room, kinds, OptionalLong.empty(), limit)).stream().map(LogbookEntry::id).toList();
    }

    /** Every entry of the query, a page at a time. */
    private static List<LogbookEntry> readAll(LogbookStore store, LogbookQuery first) {
        List<LogbookEntry> read = new ArrayList<>();
        OptionalLong before = OptionalLong.empty();
        do {
            LogbookQuery.Page page = store.query(new LogbookQuery(first.from(), first.to(), first.device(), first.room(), first.kinds(),
                    before, first.limit()));
            read.addAll(page.entries());
            before = page.next();
        } while (before.isPresent());
        return read;
    }

    /** Entries a second apart: an automation run every third, motion_1 every fifth, lights between, "rare" every 997th. */
    private static List<LogbookEntry> entries(int first, int last) {
        List<LogbookEntry> entries = new ArrayList<>();
        for (int id = first; id <= last; id++) {
            Instant at = T0.plusSeconds(id);
            if (id % 997 == 0) {
                entries.add(new LogbookEntry(id, at, LogbookEntry.Kind.AVAILABILITY, Optional.of("rare"), Optional.empty(), Optional.empty(), "rare online"));
            } else if (id % 3 == 0) {
                entries.add(new LogbookEntry(id, at, LogbookEntry.Kind.AUTOMATION, Optional.empty(), Optional.of(id % 2 == 0 ? "kitchen" : "hall"),
                        Optional.of("lights_" + id % 4), "lights_" + id % 4 + " ran"));
            } else {
                String device = DEVICES.get(id % 5 == 0 ? 0 : id % 3);
                entries.add(new LogbookEntry(id, at, LogbookEntry.Kind.STATE, Optional.of(device), Optional.of(id % 2 == 0 ? "kitchen" : "hall"),
                        Optional.empty(), device + ": state " + id % 10));
            }
        }
        return entries;
    }
}
