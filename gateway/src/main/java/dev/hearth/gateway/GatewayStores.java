package dev.hearth.gateway;

import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.history.HistoryStore;
import dev.hearth.gateway.logbook.LogbookStore;
import dev.hearth.gateway.outbox.OutboxStore;
import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.notify.DispatchStore;
import dev.hearth.gateway.store.Database;

import java.util.Optional;

/**
 * The database and every feature's tables, opened and migrated together, beside the building of the
 * {@link GatewayRuntime} (on a fresh database the migrations are ~20 % of the main thread's CPU to the first
 * actuation). Each store has its own H2 session, so what opens them here is never the thread that uses them.
 */
record GatewayStores(Database database, AutomationStore automations, HistoryStore history, LogbookStore logbook, OutboxStore outbox,
                     Optional<OutboxStore> uplink, DispatchStore dispatches) implements AutoCloseable {

    /** Opens {@code <data_dir>/hearth.mv.db} and migrates each feature's tables; closes the database if that fails. */
    static GatewayStores open(GatewayConfig config) {
        Database database = Database.open(config.dataDir(), config.durability());
        try {
            return new GatewayStores(database, new AutomationStore(database), new HistoryStore(database), new LogbookStore(database),
                    new OutboxStore(database),
                    config.uplink().map(u -> new OutboxStore(database, "uplink")), new DispatchStore(database));
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
