package dev.hearth.gateway.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A feature's migrations are append-only: applied in order once, and an applied one that changed stops the start. */
class MigrationsTest {
    private static final String A = "CREATE TABLE t (id INT PRIMARY KEY)";
    private static final String B = "ALTER TABLE t ADD COLUMN name VARCHAR(20)";
    private static final String C = "CREATE INDEX t_name ON t (name)";

    @TempDir
    Path dir;

    private void migrate(List<String> statements) {
        try (Database db = Database.open(dir, Durability.PROCESS)) {
            db.session("f").migrate("f", statements);
        }
    }

    @Test
    void appendedMigrationsApplyInOrderOnceEachWithTheirChecksums() {
        migrate(List.of(A, B));
        migrate(List.of(A, B, C));
        migrate(List.of(A, B, C));

        try (Database db = Database.open(dir, Durability.PROCESS)) {
            List<String> rows = db.session("check").transaction(c -> {
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT version, checksum FROM schema_migration WHERE feature = 'f' ORDER BY version")) {
                    List<String> out = new java.util.ArrayList<>();
                    while (r.next()) out.add(r.getInt(1) + " " + r.getString(2));
                    return out;
                }
            });
            assertThat(rows).containsExactly("1 " + Migrations.sha256(A), "2 " + Migrations.sha256(B), "3 " + Migrations.sha256(C));
        }
    }

    @Test
    void anAppliedMigrationThatChangedStopsTheStartAndAppliesNothing() {
        migrate(List.of(A, B));

        assertThatThrownBy(() -> migrate(List.of(A, B.replace("20", "40"), C))).isInstanceOf(StoreException.class)
                .hasMessageContaining("migration 2 of f differs from the one applied to this database")
                .hasMessageContaining("append-only");
        migrate(List.of(A, B, C));
    }

    @Test
    void aMigrationOnlyLaidOutDifferentlyIsTheSame() {
        migrate(List.of(A, B));

        migrate(List.of("CREATE TABLE t (\n  id INT PRIMARY KEY\n)", "ALTER TABLE t  ADD COLUMN name VARCHAR( 20 )", C));
    }

    @Test
    void aDatabaseOfANewerHearthIsRefused() {
        migrate(List.of(A, B, C));

        assertThatThrownBy(() -> migrate(List.of(A, B))).isInstanceOf(StoreException.class)
                .hasMessageContaining("written by a newer Hearth: its f tables have 3 migrations, this version knows 2");
    }
}
