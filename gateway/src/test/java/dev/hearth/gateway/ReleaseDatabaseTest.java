package dev.hearth.gateway;

import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.history.HistoryPoint;
import dev.hearth.gateway.journal.AutomationStore.StoredState;
import dev.hearth.gateway.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrades: the database a released Hearth wrote (src/test/resources/release-database, see its README) opens with
 * this code, every feature's migrations apply on top of it, and what the release recorded reads back.
 */
class ReleaseDatabaseTest {

    @Test
    void theReleasedDatabaseOpensMigratesAndKeepsItsHistoryAndStates(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (InputStream fixture = getClass().getResourceAsStream("/release-database/hearth.mv.db")) {
            Files.copy(fixture, data.resolve("hearth.mv.db"));
        }
        Files.writeString(dir.resolve("gateway.yaml"), TestHome.externalBroker("tcp://127.0.0.1:1", "30s"));
        Files.writeString(dir.resolve("devices.yaml"), TestHome.DEVICES);
        GatewayConfig config = new ConfigLoader(Map.of()).load(dir);

        try (GatewayStores stores = GatewayStores.open(config)) {
            assertThat(stores.database().recovered()).isEmpty();
            assertThat(stores.history().query(new DeviceId("hallway_lux"), Optional.of("illuminance"), Instant.EPOCH, Instant.now(), 100))
                    .extracting(p -> p.value().toString()).containsExactly("12", "30", "55");
            assertThat(stores.history().query(new DeviceId("living_temperature"), Optional.of("temperature"), Instant.EPOCH, Instant.now(), 100))
                    .extracting(HistoryPoint::value).hasSize(2);
            assertThat(stores.automations().states()).extracting(StoredState::device, StoredState::attribute)
                    .contains(org.assertj.core.groups.Tuple.tuple("hallway_lux", "illuminance"));
        }
        try (GatewayStores again = GatewayStores.open(config)) {
            assertThat(again.history().query(new DeviceId("hallway_lux"), Optional.of("illuminance"), Instant.EPOCH, Instant.now(), 100))
                    .as("opened twice: the migrations are not applied again").hasSize(3);
        }
    }
}
