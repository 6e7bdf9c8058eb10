package dev.hearth.gateway.web;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.outbox.OutboxStatus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The broker link as the dashboard shows it (connected, since when, why not) and the outbox, asked
 * on {@code hearth.outbox.status}: "unknown" while nothing answers there.
 */
final class LinkStatus {
    private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(1_000);

    private final EventBus bus;
    private final BooleanSupplier brokerReady;
    private Optional<ConnectionChanged> last = Optional.empty();

    LinkStatus(EventBus bus, BooleanSupplier brokerReady) {
        this.bus = bus;
        this.brokerReady = brokerReady;
    }

    /** Called on the web verticle's event loop for every {@code hearth.mqtt.connection} event. */
    void changed(ConnectionChanged c) {
        last = Optional.of(c);
    }

    /** An attempt to connect failed: the reason is the newest, "since" stays when the link went down. */
    void failed(ConnectionChanged attempt) {
        last = Optional.of(last.filter(c -> !c.connected())
                .map(down -> new ConnectionChanged(false, attempt.broker(), attempt.reason(), down.at()))
                .orElse(attempt));
    }

    JsonObject connection() {
        JsonObject json = new JsonObject().put("connected", brokerReady.getAsBoolean());
        last.ifPresent(c -> json.put("broker", c.broker()).put("since", c.at().toString()).put("reason", c.reason()));
        return json;
    }

    Future<JsonObject> status() {
        return bus.<OutboxStatus>request(Addresses.OUTBOX_STATUS, new OutboxStatus.Query(), QUICK)
                .map(r -> (Object) RecordJson.record(r.body()))
                .otherwise("unknown")
                .map(outbox -> new JsonObject().put("connection", connection()).put("outbox", outbox));
    }
}
