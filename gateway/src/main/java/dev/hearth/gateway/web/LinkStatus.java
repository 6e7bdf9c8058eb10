package dev.hearth.gateway.web;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.outbox.OutboxStatus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The broker link as the dashboard shows it (connected, since when, why not), as the link reports it now, and the
 * outbox, asked on {@code hearth.outbox.status}: "unknown" while nothing answers there.
 */
final class LinkStatus {
    private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(1_000);

    private final EventBus bus;
    private final BooleanSupplier brokerReady;
    private final Supplier<ConnectionChanged> link;

    LinkStatus(EventBus bus, BooleanSupplier brokerReady, Supplier<ConnectionChanged> link) {
        this.bus = bus;
        this.brokerReady = brokerReady;
        this.link = link;
    }

    JsonObject connection() {
        ConnectionChanged c = link.get();
        return new JsonObject().put("connected", brokerReady.getAsBoolean()).put("broker", c.broker()).put("since", c.at().toString())
                .put("reason", c.reason());
    }

    Future<JsonObject> status() {
        return bus.<OutboxStatus>request(Addresses.OUTBOX_STATUS, new OutboxStatus.Query(), QUICK)
                .map(r -> (Object) RecordJson.record(r.body()))
                .otherwise("unknown")
                .map(outbox -> new JsonObject().put("connection", connection()).put("outbox", outbox));
    }
}
