package dev.hearth.gateway.history;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hearth.gateway.yaml.ConfigException;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.support.TestHome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Attribute history in H2: typed values, time ranges, a row per attribute and flush, retention, the upgrade from rows per point, and survival of a reopen. */
class HistoryStoreTest {
    static final DeviceId THERMOSTAT = new DeviceId("living_thermostat");
    static final Instant T0 = Instant.parse("2026-01-31T18:00:00Z");

    @TempDir
    Path dir;
    Database database;
    HistoryStore store;

    @BeforeEach
    void open() {
        database = Database.open(dir, Durability.PROCESS);
        store = new HistoryStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void valuesKeepTheirTypeAndComeBackOldestFirstWithinTheRange() {
        store.append(List.of(
                point("local_temperature", 0, Value.of(19.5)),
                point("running_state", 1, Value.of("heat")),
                point("local_temperature", 60, Value.of(20.25)),
                point("window_open", 90, Value.of(true)),
                point("local_temperature", 120, Value.of(21.0))));

        List<HistoryPoint> all = store.query(THERMOSTAT, Optional.empty(), T0, T0.plusSeconds(121), 100);
        assertThat(all).extracting(HistoryPoint::value)
                .containsExactly(Value.of(19.5), Value.of("heat"), Value.of(20.25), Value.of(true), Value.of(21.0));

        List<HistoryPoint> window = store.query(THERMOSTAT, Optional.of("local_temperature"), T0.plusSeconds(30), T0.plusSeconds(120), 100);
        assertThat(window).extracting(HistoryPoint::value).as("from inclusive, to exclusive").containsExactly(Value.of(20.25));
        assertThat(store.query(THERMOSTAT, Optional.empty(), T0, T0.plusSeconds(121), 2)).hasSize(2);
        assertThat(store.query(new DeviceId("other"), Optional.empty(), T0, T0.plusSeconds(121), 100)).isEmpty();
    }

    @Test
    void retentionDeletesWhatIsOlderThanTheCutoff() {
        store.append(List.of(point("local_temperature", 0, Value.of(19))));
        store.append(List.of(point("local_temperature", 3600, Value.of(20))));
        assertThat(store.deleteBefore(T0.plusSeconds(1800))).isEqualTo(1);
        assertThat(store.query(THERMOSTAT, Optional.empty(), T0, T0.plusSeconds(7200), 100))
                .extracting(HistoryPoint::value).containsExactly(Value.of(20));
    }

    @Test
    void theChangesOfOneAttributeInOneFlushAreOneRowKeptUntilTheNewestOfThemExpires() {
        List<HistoryPoint> flood = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) flood.add(new HistoryPoint(THERMOSTAT, "local_temperature", T0.plusMillis(i), Value.of(20 + i / 100.0)));
        store.append(flood);
        assertThat(rows()).as("a row per attribute and flush, not per change").isEqualTo(1);

        assertThat(store.deleteBefore(T0.plusMillis(500))).as("the newest point is younger than the cutoff").isZero();
        assertThat(store.query(THERMOSTAT, Optional.empty(), T0.plusMillis(500), T0.plusSeconds(1), 2_000))
                .as("a query returns only its range").hasSize(500).first().extracting(HistoryPoint::value).isEqualTo(Value.of(25.0));
        assertThat(store.deleteBefore(T0.plusSeconds(1))).isEqualTo(1_000);
        assertThat(rows()).isZero();
    }

    @Test
    void largeFloodsAreCutIntoBoundedRowsAndComeBackWholeInOrder() {
        List<HistoryPoint> flood = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) flood.add(new HistoryPoint(THERMOSTAT, "local_temperature", T0.plusMillis(i), Value.of(i)));
        store.append(flood);
        assertThat(rows()).isEqualTo((5_000 + HistoryChunk.MAX_POINTS - 1) / HistoryChunk.MAX_POINTS);
        assertThat(store.query(THERMOSTAT, Optional.empty(), T0, T0.plusSeconds(10), 10_000)).isEqualTo(flood);
    }

    @Test
    void theLimitKeepsTheOldestPointsAcrossAttributesAndEqualTimesKeepTheirOrderOfArrival() {
        store.append(List.of(point("local_temperature", 0, Value.of(19)), point("running_state", 0, Value.of("idle")),
                point("local_temperature", 10, Value.of(20)), point("running_state", 20, Value.of("heat"))));
        store.append(List.of(point("local_temperature", 5, Value.of(19.5)), point("local_temperature", 30, Value.of(21))));

        assertThat(store.query(THERMOSTAT, Optional.empty(), T0, T0.plusSeconds(60), 4)).extracting(HistoryPoint::value)
                .containsExactly(Value.of(19), Value.of("idle"), Value.of(19.5), Value.of(20));
        assertThat(store.query(THERMOSTAT, Optional.of("running_state"), T0, T0.plusSeconds(60), 10)).extracting(HistoryPoint::value)
                .containsExactly(Value.of("idle"), Value.of("heat"));
    }

    @Test
    void aClockSteppingBackWithinAFlushLosesNoPoint() {
        store.append(List.of(point("local_temperature", 100, Value.of(19)), point("local_temperature", 50, Value.of(18))));
        assertThat(store.query(THERMOSTAT, Optional.empty(), T0.plusSeconds(40), T0.plusSeconds(60), 10))
                .extracting(HistoryPoint::value).containsExactly(Value.of(18));
        assertThat(store.deleteBefore(T0.plusSeconds(60))).as("the newest point is still young").isZero();
    }

    @Test
    void textsAreCutAtTheirMaximumLength() {
        store.append(List.of(point("running_state", 0, Value.of("é".repeat(2_000)))));
        assertThat(store.query(THERMOSTAT, Optional.empty(), T0, T0.plusSeconds(1), 10)).extracting(HistoryPoint::value)
                .containsExactly(Value.of("é".repeat(HistoryChunk.MAX_TEXT)));
    }

    @Test
    void historyOfTheFirstFormatIsMovedIntoTheNewOneAtStart() {
        database.close();
        Path old = dir.resolve("old");
        try (Database first = Database.open(old, Durability.PROCESS)) {
            first.session("history").migrate("history", List.of(
                    "CREATE TABLE history (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, device VARCHAR(64) NOT NULL,"
                            + " attribute VARCHAR(64) NOT NULL, at TIMESTAMP WITH TIME ZONE NOT NULL, kind CHAR(1) NOT NULL,"
                            + " num DOUBLE PRECISION, txt VARCHAR(1024))",
                    "CREATE INDEX history_by_attribute ON history (device, attribute, at)",
                    "CREATE INDEX history_by_time ON history (at)"));
            first.session("history").transaction(c -> {
                try (var s = c.createStatement()) {
                    s.execute("INSERT INTO history (device, attribute, at, kind, num, txt) VALUES"
                            + " ('living_thermostat', 'local_temperature', TIMESTAMP WITH TIME ZONE '2026-01-31 18:00:00Z', 'N', 19.5, NULL),"
                            + " ('living_thermostat', 'running_state', TIMESTAMP WITH TIME ZONE '2026-01-31 18:00:01Z', 'T', NULL, 'heat'),"
                            + " ('living_thermostat', 'window_open', TIMESTAMP WITH TIME ZONE '2026-01-31 18:01:30Z', 'B', 1, NULL)");
                }
                return null;
            });
        }
        database = Database.open(old, Durability.PROCESS);
        store = new HistoryStore(database);
        assertThat(store.query(THERMOSTAT, Optional.empty(), T0, T0.plusSeconds(121), 100)).extracting(HistoryPoint::value)
                .containsExactly(Value.of(19.5), Value.of("heat"), Value.of(true));
        int oldTables = database.session("history").transaction(c -> {
            try (var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'HISTORY'")) {
                r.next();
                return r.getInt(1);
            }
        });
        assertThat(oldTables).as("the old table is gone").isZero();
    }

    @Test
    void historySurvivesAReopen() {
        store.append(List.of(point("local_temperature", 0, Value.of(19))));
        database.close();
        database = Database.open(dir, Durability.PROCESS);
        store = new HistoryStore(database);
        assertThat(store.query(THERMOSTAT, Optional.empty(), T0, T0.plusSeconds(1), 10)).hasSize(1);
    }

    @Test
    void retentionAndCommitIntervalAreConfiguredAndOutOfRangeValuesAreRefusedWithTheirPosition(@TempDir Path configDir) throws Exception {
        String gateway = TestHome.externalBroker("tcp://127.0.0.1:1", "30s") + "history:\n  retention: 7d\n";
        assertThat(TestHome.writeAndLoad(configDir, gateway, TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS).history().retention())
                .isEqualTo(Duration.ofDays(7));
        Files.writeString(configDir.resolve("gateway.yaml"), gateway.replace("retention: 7d", "retention: 10m"));
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(configDir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.yaml:15:14: 'retention' must be at least 1h, got 10m");
        Files.writeString(configDir.resolve("gateway.yaml"), gateway + "  commit_interval: 2s\n");
        assertThat(new ConfigLoader(Map.of()).load(configDir).history())
                .isEqualTo(new HistorySettings(Duration.ofDays(7), Duration.ofSeconds(2)));
        Files.writeString(configDir.resolve("gateway.yaml"), gateway + "  commit_interval: 10m\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(configDir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.yaml:16:20: 'commit_interval' must be from 100ms to 1m, got 10m");
    }

    private long rows() {
        return database.session("history").transaction(c -> {
            try (var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM history_chunk")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static HistoryPoint point(String attribute, int seconds, Value value) {
        return new HistoryPoint(THERMOSTAT, attribute, T0.plusSeconds(seconds), value);
    }
}
