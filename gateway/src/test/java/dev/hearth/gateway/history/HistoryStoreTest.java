package dev.hearth.gateway.history;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hearth.gateway.config.ConfigException;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.support.TestHome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Attribute history in H2: typed values, time ranges, retention, and survival of a reopen. */
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
    void retentionDeletesOnlyWhatIsOlderThanTheCutoff() {
        store.append(List.of(point("local_temperature", 0, Value.of(19)), point("local_temperature", 3600, Value.of(20))));
        assertThat(store.deleteBefore(T0.plusSeconds(1800))).isEqualTo(1);
        assertThat(store.query(THERMOSTAT, Optional.empty(), T0, T0.plusSeconds(7200), 100))
                .extracting(HistoryPoint::value).containsExactly(Value.of(20));
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
    void retentionIsConfiguredAndUnderAnHourIsRefusedWithItsPosition(@TempDir Path configDir) throws Exception {
        String gateway = TestHome.externalBroker("tcp://127.0.0.1:1", "30s") + "history:\n  retention: 7d\n";
        assertThat(TestHome.writeAndLoad(configDir, gateway, TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS).history().retention())
                .isEqualTo(Duration.ofDays(7));
        Files.writeString(configDir.resolve("gateway.yaml"), gateway.replace("retention: 7d", "retention: 10m"));
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(configDir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.yaml:15:14: 'retention' must be at least 1h, got 10m");
    }

    private static HistoryPoint point(String attribute, int seconds, Value value) {
        return new HistoryPoint(THERMOSTAT, attribute, T0.plusSeconds(seconds), value);
    }
}
