package dev.hearth.gateway.store;

import dev.hearth.gateway.support.FillableDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * The disk under the database fills up (a real file system: see {@link FillableDisk}) and frees again: the database
 * says why it cannot write, refuses at once instead of hanging on H2's closed store, and reopens its file by itself
 * once there is room, with every commit that succeeded before and none that failed.
 */
class DatabaseDiskFullTest {
    private static final long DISK = 4L << 20;

    @TempDir
    Path dir;

    @Test
    void aDatabaseOnAFullDiskSaysWhyAndReopensItselfOnceThereIsRoomAgain() throws Exception {
        try (FillableDisk disk = FillableDisk.at(dir.resolve("data"), DISK)) {
            List<Long> written = new ArrayList<>();
            try (Database db = Database.open(disk.dir(), Durability.PROCESS)) {
                // Given a database with rows written
                Session rows = db.session("rows");
                rows.migrate("rows", List.of("CREATE TABLE r (id BIGINT PRIMARY KEY, v VARCHAR(4000))"));
                for (long id = 1; id <= 20; id++) written.add(insert(rows, id));
                // a session with no transaction after the reopen still holds its connection to the lost store: the close below must not fail on it
                db.session("idle").transaction(DatabaseDiskFullTest::count);

                // When the disk fills up and writes go on
                disk.fill();
                long[] next = {1000};
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    try {
                        written.add(insert(rows, ++next[0]));
                        return false;
                    } catch (StoreUnavailable e) {
                        return true;
                    }
                });

                // Then it says so, naming the directory and the kernel's words, and every session refuses at once
                assertThat(db.problem()).hasValueSatisfying(p -> assertThat(p).contains(disk.dir().toString(), disk.fault()));
                Session other = db.session("other");
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> insert(rows, 5000))
                        .isInstanceOf(StoreUnavailable.class).hasMessageContaining(disk.fault()));
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> other.transaction(c -> count(c)))
                        .isInstanceOf(StoreUnavailable.class));

                // When there is room again, then writing succeeds again within seconds, without a restart
                disk.free();
                await().atMost(Duration.ofSeconds(15)).ignoreException(StoreUnavailable.class)
                        .untilAsserted(() -> written.add(insert(rows, 9000)));
                assertThat(db.problem()).isEmpty();
                written.add(insert(rows, 9001));
                assertThat(ids(other)).containsExactlyInAnyOrderElementsOf(written);
            }

            // and the file opens again as it was: nothing salvaged, nothing lost
            try (Database db = Database.open(disk.dir(), Durability.PROCESS)) {
                assertThat(db.recovered()).isEmpty();
                assertThat(ids(db.session("rows"))).containsExactlyInAnyOrderElementsOf(written);
            }
        }
    }

    @Test
    void aDatabaseOnAFullDiskClosesPromptly() {
        try (FillableDisk disk = FillableDisk.at(dir.resolve("data"), DISK)) {
            Database db = Database.open(disk.dir(), Durability.PROCESS);
            Session rows = db.session("rows");
            rows.migrate("rows", List.of("CREATE TABLE r (id BIGINT PRIMARY KEY, v VARCHAR(4000))"));
            disk.fill();
            long[] next = {0};
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    insert(rows, ++next[0]);
                    return false;
                } catch (StoreUnavailable e) {
                    return true;
                }
            });
            assertTimeoutPreemptively(Duration.ofSeconds(10), db::close);
        }
    }

    private static long insert(Session s, long id) {
        return s.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO r VALUES (?, ?)")) {
                p.setLong(1, id);
                p.setString(2, (id + " ").repeat(600));
                p.executeUpdate();
            }
            return id;
        });
    }

    private static int count(java.sql.Connection c) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM r")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<Long> ids(Session s) {
        return s.transaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (ResultSet r = c.createStatement().executeQuery("SELECT id FROM r")) {
                while (r.next()) ids.add(r.getLong(1));
            }
            return ids;
        });
    }
}
