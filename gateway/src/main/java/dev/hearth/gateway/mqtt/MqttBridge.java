package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.config.MqttSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;

import java.util.List;

/**
 * Adapter between the event bus and the broker: inbound messages go to {@link Addresses#MQTT_INBOUND},
 * requests on {@link Addresses#MQTT_PUBLISH} are published and answered on PUBACK.
 */
public final class MqttBridge extends VerticleBase {
    private final MqttSettings settings;
    private final List<String> topics;
    private MqttLink link;

    public MqttBridge(MqttSettings settings, List<String> topics) {
        this.settings = settings;
        this.topics = List.copyOf(topics);
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        link = new MqttLink(vertx, context, settings, topics,
                m -> bus.send(Addresses.MQTT_INBOUND, m),
                c -> bus.publish(Addresses.MQTT_CONNECTION, c));
        bus.<Publication>consumer(Addresses.MQTT_PUBLISH, msg -> link.publish(msg.body())
                .onSuccess(v -> msg.reply(null))
                .onFailure(e -> msg.fail(1, e.getMessage())));
        link.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return link.stop();
    }

    /** True while the broker connection is up. Read from the bridge's context or for status only. */
    public boolean connected() {
        return link != null && link.connected();
    }

    /** Connected and subscribed: what readiness checks and tests wait for. */
    public boolean ready() {
        return link != null && link.ready();
    }

    /** How many times the bridge has connected since it started. */
    public int connects() {
        return link == null ? 0 : link.connects();
    }
}
