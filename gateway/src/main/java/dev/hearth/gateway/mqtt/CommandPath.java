package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

import java.time.Duration;

/**
 * The core's way to the broker: publications into the durable outbox, and the word that an inbound
 * message has been applied. {@link MqttBridge#commandPath()} calls the outbox directly on the bridge's
 * event loop; {@link #overBus} is the same contract over {@link Addresses#MQTT_PUBLISH} and
 * {@link Addresses#MQTT_INBOUND_HANDLED}, for a core whose bridge is deployed elsewhere.
 */
public interface CommandPath {

    /** A command waits in the outbox through an outage; only a very long one times the request out. */
    DeliveryOptions UNTIL_ACKNOWLEDGED = new DeliveryOptions().setSendTimeout(Duration.ofHours(1).toMillis());

    /** Queues a publication in the outbox: completes on the broker's PUBACK, fails when it never will come. */
    Future<Void> publish(Publication publication);

    /**
     * The message with this token has been applied and every command it caused was published through this
     * path before this call: the broker gets its PUBACK once those are committed or acknowledged.
     */
    void handled(long ackToken);

    static CommandPath overBus(EventBus bus) {
        return new CommandPath() {
            @Override
            public Future<Void> publish(Publication publication) {
                return bus.request(Addresses.MQTT_PUBLISH, publication, UNTIL_ACKNOWLEDGED).mapEmpty();
            }

            @Override
            public void handled(long ackToken) {
                bus.send(Addresses.MQTT_INBOUND_HANDLED, new InboundMessage.Handled(ackToken));
            }
        };
    }
}
