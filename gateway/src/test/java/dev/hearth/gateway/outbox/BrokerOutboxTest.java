package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.Durability;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker outbox with nothing to hand inbound messages to acknowledges them at once: none comes back on the next session. */
class BrokerOutboxTest {
    @TempDir
    Path dir;

    @Test
    void withoutAConsumerAnInboundMessageIsAcknowledgedAtOnce() {
        try (MosquittoBroker broker = MosquittoBroker.start(); Database db = Database.open(dir, Durability.PROCESS);
             SimClient sensor = new SimClient(broker.url(), "edge-sensor")) {
            sensor.start();
            assertThat(sensor.awaitConnected(Duration.ofSeconds(10))).isTrue();
            List<String> first = run(broker, db, () -> sensor.publish("edge/a", "1", 1, false), "edge/a");
            // The session resumes: a message left unacknowledged would come again, before the one published now.
            List<String> second = run(broker, db, () -> sensor.publish("edge/b", "2", 1, false), "edge/b");

            assertThat(first).containsExactly("edge/a");
            assertThat(second).containsExactly("edge/b");
        }
    }

    /** Deploys a broker outbox without a consumer, publishes once it is ready, and returns the topics it saw up to {@code last}. */
    private static List<String> run(MosquittoBroker broker, Database db, Runnable publish, String last) {
        Vertx vertx = Vertx.vertx();
        try {
            LocalCodec.install(vertx.eventBus());
            BrokerOutbox outbox = new BrokerOutbox(settings(broker.url()), List.of("edge/#"), new OutboxStore(db), OutboxSettings.DEFAULTS,
                    Clock.systemUTC(), new SimpleMeterRegistry());
            List<String> seen = new CopyOnWriteArrayList<>();
            outbox.observeInbound(m -> seen.add(m.topic()));
            String id = vertx.deployVerticle(outbox).await();
            await().atMost(Duration.ofSeconds(10)).until(outbox::ready);
            publish.run();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(last));
            vertx.undeploy(id).await();
            return seen;
        } finally {
            vertx.close().await();
        }
    }

    private static MqttSettings settings(String url) {
        return new MqttSettings(false, url, "hearth-edge-test", Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(500),
                "hearth/edge-test");
    }
}
