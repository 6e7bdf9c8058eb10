package dev.hearth.gateway.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @Test
    void migrationsApplyOnceAndDataSurvivesReopening(@TempDir Path dir) {
        List<String> schema = List.of("CREATE TABLE t (v INT)", "ALTER TABLE t ADD COLUMN w INT");
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            db.session("test").migrate("test", schema);
            db.session("test").transaction(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1, 2)"));
            assertThat(db.commits()).isGreaterThanOrEqualTo(3);
        }
        assertThat(Files.exists(dir.resolve("hearth.mv.db"))).isTrue();
        try (Database db = Database.open(dir, Durability.POWER)) {
            db.session("test").migrate("test", schema);
            int sum = db.session("test").transaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT v + w FROM t")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(sum).isEqualTo(3);
        }
    }

    @Test
    void thePageCacheIsASixteenthOfTheHeapBetweenOneAndSixteenMiB() {
        long mib = 1024 * 1024;
        assertThat(Database.cacheKib(64 * mib)).as("-Xmx64m").isEqualTo(4 * 1024);
        assertThat(Database.cacheKib(8 * mib)).as("tiny heap: H2 still gets 1 MiB").isEqualTo(1024);
        assertThat(Database.cacheKib(1024 * mib)).as("big heap: no more than H2's own default").isEqualTo(16 * 1024);
    }

    @Test
    void theOpenDatabaseUsesThatCache(@TempDir Path dir) {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            int cacheMib = db.session("test").transaction(c -> {
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(cacheMib).isEqualTo(Database.cacheKib(Runtime.getRuntime().maxMemory()) / 1024);
        }
    }

    @Test
    void aWriterInterruptedMidCommitDoesNotCloseTheDatabaseForEveryoneElse(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir, Durability.POWER)) {
            db.session("test").migrate("test", List.of("CREATE TABLE t (v INT)"));
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    db.session("test").transaction(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1)"));
                } catch (RuntimeException ignored) {
                    // the interrupted writer may fail; the database must not
                }
            });
            interrupted.start();
            interrupted.join();
            db.session("test").transaction(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (2)"));
            int rows = db.session("test").transaction(c -> {
                try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("SELECT COUNT(*) FROM t WHERE v = 2")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void failedTransactionRollsBackAndNamesTheFile(@TempDir Path dir) {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            db.session("test").migrate("test", List.of("CREATE TABLE t (v INT PRIMARY KEY)"));
            assertThatThrownBy(() -> db.session("test").transaction(c -> {
                c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
                return c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            })).isInstanceOf(StoreException.class).hasMessageContaining(dir.resolve("hearth.mv.db").toString());
            int rows = db.session("test").transaction(c -> {
                try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(rows).isZero();
        }
    }

    @Test
    void oneFeaturesOpenTransactionNeverHoldsUpAnotherFeaturesCommit(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir, Durability.POWER)) {
            db.session("history").migrate("history", List.of("CREATE TABLE h (v INT)"));
            db.session("outbox").migrate("outbox", List.of("CREATE TABLE o (v INT)"));
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread historyFlush = new Thread(() -> db.session("history").transaction(c -> {
                c.createStatement().executeUpdate("INSERT INTO h VALUES (1)");
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            historyFlush.start();
            inside.await();
            try {
                CompletableFuture<Integer> outbox = CompletableFuture.supplyAsync(() ->
                        db.session("outbox").transaction(c -> c.createStatement().executeUpdate("INSERT INTO o VALUES (1)")));
                // a liveness check, not a speed target: with one shared connection this never completes
                assertThat(outbox.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                release.countDown();
                historyFlush.join();
            }
            assertThat(db.session("history")).isSameAs(db.session("history"));
        }
    }
}
