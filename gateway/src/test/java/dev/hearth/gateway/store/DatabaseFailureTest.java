package dev.hearth.gateway.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database file that cannot be used is a clear message naming it; a corrupt one is never deleted. */
class DatabaseFailureTest {

    @TempDir
    Path dir;

    @Test
    void aCorruptFileIsMovedAsideKeptAndTheGatewayGetsAFreshOne() throws IOException {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            db.session("test").migrate("test", List.of("CREATE TABLE t (v INT)"));
            db.session("test").transaction(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1)"));
        }
        Path file = dir.resolve("hearth.mv.db");
        long size = Files.size(file);
        destroyBothHeaders(file);

        try (Database db = Database.open(dir, Durability.PROCESS)) {
            assertThat(db.recovered()).hasValueSatisfying(message -> assertThat(message)
                    .contains(file.toString(), "is corrupt", "moved to", "never deleted"));
            db.session("test").migrate("test", List.of("CREATE TABLE t (v INT)"));
            db.session("test").transaction(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (2)"));
            int rows = db.session("test").transaction(c -> count(c.createStatement().executeQuery("SELECT COUNT(*) FROM t")));
            assertThat(rows).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().startsWith("hearth-corrupt-")
                    && p.getFileName().toString().endsWith(".mv.db")).toList();
            assertThat(aside).singleElement().satisfies(p -> assertThat(Files.size(p)).isEqualTo(size));
        }
    }

    @Test
    void aFileInUseByAnotherProcessIsAClearErrorNamingIt() throws Exception {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            db.session("test").migrate("test", List.of("CREATE TABLE t (v INT)"));
        }
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.h2.tools.Shell",
                "-url", "jdbc:h2:file:" + dir.resolve("hearth").toAbsolutePath()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            awaitPrompt(out);
            assertThatThrownBy(() -> Database.open(dir, Durability.PROCESS))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(dir.resolve("hearth.mv.db").toString())
                    .hasMessageContaining("in use by another process")
                    .hasMessageContaining("data_dir");
        } finally {
            other.getOutputStream().close();
            other.destroy();
            other.waitFor(5, TimeUnit.SECONDS);
            other.destroyForcibly();
        }
    }

    /** H2 keeps two copies of its file header; with both gone it reports the file as corrupt. */
    private static void destroyBothHeaders(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(new byte[8192]);
        }
    }

    private static void awaitPrompt(BufferedReader out) throws IOException {
        StringBuilder seen = new StringBuilder();
        int ch;
        while ((ch = out.read()) >= 0) {
            seen.append((char) ch);
            if (seen.toString().contains("sql>")) return;
        }
        throw new AssertionError("H2 shell ended before connecting: " + seen);
    }

    private static int count(ResultSet r) throws java.sql.SQLException {
        try (r) {
            r.next();
            return r.getInt(1);
        }
    }
}
