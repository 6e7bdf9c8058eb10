package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each known trap of Paho 1.2.5, reproduced against Mosquitto with its default settings
 * (topic aliases allowed, Receive Maximum 20), and what the gateway does about it.
 */
class PahoTrapsTest {
    private static final String LIGHT_SET = "zigbee2mqtt/hallway_light/set";
    private static final DeviceId LIGHT = new DeviceId("hallway_light");

    @TempDir
    Path dir;

    @Test
    void brokerDownAtStartupIsRetriedUntilItComesUp() {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            broker.stop();
            try (TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), broker.url())) {
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !home.gateway().bridge().connected());
                broker.startAgain();
                home.awaitConnected();
                home.assertMotionSwitchesLight();
            }
        }
    }

    @Test
    void linkCutWithMessagesInFlightDeliversEveryMessageWithoutAReconnectLoop() {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port());
             TestHome home = TestHome.start(dir, TestHome.externalBroker(proxy.url(), "30s"), broker.url()).awaitConnected()) {
            Set<String> received = observe(home, LIGHT_SET);
            awaitAll(List.of(command(home, 1), command(home, 2), command(home, 3)));
            int connectsBefore = home.gateway().bridge().connects();

            proxy.blackhole(true);
            List<Future<Object>> inFlight = new ArrayList<>();
            for (int i = 10; i < 15; i++) inFlight.add(command(home, i));
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.droppedBytes() > 0);
            proxy.sever();
            proxy.blackhole(false);

            awaitAll(inFlight);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.containsAll(payloads(10, 15)));
            int connectsAfter = home.gateway().bridge().connects();
            assertThat(connectsAfter - connectsBefore).as("reconnects after one cut").isBetween(1, 2);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    home.gateway().bridge().connected() && home.gateway().bridge().connects() == connectsAfter);
        }
    }

    @Test
    void burstLargerThanTheBrokersReceiveMaximumIsNeverRejected() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), broker.url()).awaitConnected()) {
            Set<String> received = observe(home, LIGHT_SET);
            List<Future<Object>> burst = new ArrayList<>();
            for (int i = 1; i <= 200; i++) burst.add(command(home, i));
            awaitAll(burst);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.containsAll(payloads(1, 201)));
        }
    }

    @Test
    void persistentSessionDeliversSensorMessagesSentWhileTheGatewayWasAway() {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port());
             TestHome home = TestHome.start(dir, TestHome.externalBroker(proxy.url(), "30s"), broker.url()).awaitConnected()) {
            List<Double> temperatures = new CopyOnWriteArrayList<>();
            home.gateway().vertx().eventBus().<StateChanges>consumer(Addresses.DEVICE_STATE_CHANGED, m -> m.body().changes().forEach(c -> {
                if (c.attribute().equals("temperature")) temperatures.add(((Value.Number) c.value()).value());
            }));
            proxy.refuseConnections(true);
            proxy.sever();
            await().atMost(Duration.ofSeconds(5)).until(() -> !home.gateway().bridge().connected());

            SimClient sensor = home.connectedClient("sensor");
            for (int i = 1; i <= 5; i++) sensor.publish("zigbee2mqtt/living_temperature", "{\"temperature\":" + (20 + i) + "}", 1, false);
            await().atMost(Duration.ofSeconds(5)).until(() -> sensor.queued() == 0);
            proxy.refuseConnections(false);

            home.awaitConnected();
            await().atMost(Duration.ofSeconds(10)).until(() -> temperatures.size() >= 5);
            assertThat(temperatures).containsExactly(21.0, 22.0, 23.0, 24.0, 25.0);
        }
    }

    @Test
    void slowAutomationWorkNeverStallsPahosCallbackThread() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "2s"), broker.url()).awaitConnected()) {
            SimClient sensor = home.connectedClient("sensor");
            int connects = home.gateway().bridge().connects();
            home.gateway().home().context().runOnContext(v -> LockSupport.parkNanos(Duration.ofSeconds(6).toNanos()));
            for (int i = 1; i <= 50; i++) sensor.publish("zigbee2mqtt/living_temperature", "{\"temperature\":" + (10 + i * 0.1) + "}", 1, false);

            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() ->
                    home.gateway().bridge().connected() && home.gateway().bridge().connects() == connects);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(home.gateway().registry()
                    .state(new DeviceId("living_temperature")).flatMap(s -> s.value("temperature"))).contains(Value.of(15.0)));
        }
    }

    private static Future<Object> command(TestHome home, int brightness) {
        return home.gateway().vertx().eventBus().request(Addresses.DEVICE_COMMAND,
                new CommandRequested(LIGHT, Map.of("brightness", Value.of(brightness)), "test")).map(m -> null);
    }

    private static void awaitAll(List<Future<Object>> futures) {
        Future.all(futures).await();
    }

    private static Set<String> observe(TestHome home, String topic) {
        Set<String> received = ConcurrentHashMap.newKeySet();
        home.connectedClient("observer").subscribe(topic, (t, p) -> received.add(new String(p, StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(200)).until(() -> true);
        return received;
    }

    private static List<String> payloads(int from, int toExclusive) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < toExclusive; i++) out.add("{\"brightness\":" + i + "}");
        return out;
    }
}
