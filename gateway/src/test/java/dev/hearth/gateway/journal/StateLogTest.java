package dev.hearth.gateway.journal;

import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import dev.hearth.gateway.store.StoreException;
import dev.hearth.gateway.device.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The journal writes a batch of attribute values as one row of a log and folds the log into the state table now and
 * then: what a restart reads is the same either way, the newest value of each attribute with its last-changed time.
 */
class StateLogTest {
    static final Instant T0 = Instant.parse("2026-11-29T04:00:00.123Z");

    @TempDir
    Path dir;
    Database database;
    AutomationStore store;

    @BeforeEach
    void open() {
        database = Database.open(dir, Durability.PROCESS);
        store = new AutomationStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aRestartReadsTheTableThenTheLoggedBatchesTheNewestValueOfEachAttributeWinning() {
        commit(List.of(state("hall_motion", "occupancy", Value.of(false), T0), state("living", "temperature", Value.of(19.5), T0)));
        store.session().transaction(c -> {
            AutomationStore.compactStates(c);
            return null;
        });
        commit(List.of(state("hall_motion", "occupancy", Value.of(true), T0.plusSeconds(1))));
        commit(List.of(state("hall_motion", "occupancy", Value.of(false), T0.plusSeconds(2)),
                state("hall_light", "effect", Value.of("candle"), T0.plusSeconds(2))));

        database.close();
        database = Database.open(dir, Durability.PROCESS);
        store = new AutomationStore(database);

        assertThat(loggedRows()).isEqualTo(2);
        assertThat(store.states()).extracting(AutomationStore.StoredState::device, AutomationStore.StoredState::attribute,
                        AutomationStore.StoredState::value, AutomationStore.StoredState::lastChanged)
                .containsExactlyInAnyOrder(
                        tuple("hall_motion", "occupancy", Value.of(false), T0.plusSeconds(2)),
                        tuple("living", "temperature", Value.of(19.5), T0),
                        tuple("hall_light", "effect", Value.of("candle"), T0.plusSeconds(2)));
    }

    @Test
    void foldingTheLogIntoTheTableChangesNothingARestartReadsAndEmptiesTheLog() {
        commit(List.of(state("hall_motion", "occupancy", Value.of(true), T0)));
        commit(List.of(state("hall_motion", "occupancy", Value.of(false), T0.plusMillis(50)),
                state("living", "temperature", Value.of(21), T0.plusMillis(50))));
        List<AutomationStore.StoredState> before = store.states();

        store.session().transaction(c -> {
            AutomationStore.compactStates(c);
            return null;
        });

        assertThat(loggedRows()).isZero();
        assertThat(store.states()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aValueTheTableCouldNotHoldFailsItsOwnBatchAndLaterBatchesAreWritten() {
        String tooLong = "x".repeat(StateLog.MAX_TEXT + 1);
        assertThatThrownBy(() -> commit(List.of(state("screen", "text", Value.of(tooLong), T0),
                state("living", "temperature", Value.of(20), T0))))
                .isInstanceOf(StoreException.class).hasMessageContaining("screen.text").hasMessageContaining("4097 characters");

        commit(List.of(state("living", "temperature", Value.of(21), T0.plusSeconds(1))));
        store.session().transaction(c -> {
            AutomationStore.compactStates(c);
            return null;
        });

        assertThat(store.states()).singleElement()
                .extracting(AutomationStore.StoredState::value, AutomationStore.StoredState::lastChanged)
                .containsExactly(Value.of(21), T0.plusSeconds(1));
    }

    @Test
    void aRowWritesEachTextOnceAndReadsBackEveryKindOfValueAndTimeExactly() throws Exception {
        List<AutomationStore.StoredState> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            batch.add(state("motion_" + i, "occupancy", Value.of(i % 2 == 0), T0.plusMillis(i)));
            batch.add(state("light_" + i, "state", Value.of("ON"), T0.plusMillis(i + 1)));
            batch.add(state("light_" + i, "brightness", Value.of(200), T0.plusMillis(i + 1)));
        }
        batch.add(state("hall_light", "effect", Value.of("caf\u00e9 \uD83D\uDD25 \"x\"\n"), T0.minusSeconds(86_400 * 400L)));
        batch.add(state("living", "temperature", Value.of(-19.25), Instant.ofEpochMilli(0)));

        byte[] row = StateLog.encode(batch);

        assertThat(StateLog.decode(row)).containsExactlyElementsOf(batch);
        assertThat(row.length).as("version 1 wrote ~37 bytes a state of this shape").isLessThan(16 * batch.size());
    }

    @Test
    void aRowOfVersionOneLeftInTheLogByACrashStillReads() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(2);
            for (String[] s : List.of(new String[] {"hall_motion", "occupancy", "b", "true"}, new String[] {"living", "temperature", "n", "21.5"})) {
                out.writeUTF(s[0]);
                out.writeUTF(s[1]);
                out.writeByte(s[2].charAt(0));
                out.writeUTF(s[3]);
                out.writeLong(T0.toEpochMilli());
            }
        }
        store.session().transaction(c -> {
            try (java.sql.PreparedStatement p = c.prepareStatement("INSERT INTO device_state_log (seq, changes) VALUES (1, ?)")) {
                p.setBytes(1, bytes.toByteArray());
                p.executeUpdate();
            }
            return null;
        });
        commit(List.of(state("living", "temperature", Value.of(22), T0.plusSeconds(1))));

        assertThat(store.states()).extracting(AutomationStore.StoredState::device, AutomationStore.StoredState::value,
                        AutomationStore.StoredState::lastChanged)
                .containsExactlyInAnyOrder(tuple("hall_motion", Value.of(true), T0), tuple("living", Value.of(22), T0.plusSeconds(1)));
    }

    @Test
    void aDamagedRowIsRefusedInWordsWithoutAllocatingWhatItClaims() {
        byte[] claimsAHugeTable = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F};
        byte[] namesAMissingText = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 5, 'b', 5, 0};

        assertThatThrownBy(() -> StateLog.decode(claimsAHugeTable)).isInstanceOf(java.io.IOException.class).hasMessageContaining("a count of");
        assertThatThrownBy(() -> StateLog.decode(namesAMissingText)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("does not hold");
    }

    private void commit(List<AutomationStore.StoredState> batch) {
        store.session().transaction(c -> {
            AutomationStore.logStates(c, batch);
            return null;
        });
    }

    private long loggedRows() {
        return store.session().transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM device_state_log")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static AutomationStore.StoredState state(String device, String attribute, Value value, Instant at) {
        return new AutomationStore.StoredState(device, attribute, value, at);
    }
}
