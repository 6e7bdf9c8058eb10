package dev.hearth.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.mqtt.Probe;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Injects into a fresh device and waits until its state topic shows what {@code done} expects. */
    private static void check(DeviceTopics topics, Fault fault, String topic, Predicate<List<String>> done) {
        try (Probe probe = Probe.on(broker.url(), topics.base() + "/#");
             FaultInjector injector = new FaultInjector(broker.url(), topics)) {
            await().atMost(TIMEOUT).until(() -> !probe.payloadsOn(topic).isEmpty());
            injector.inject(fault);
            await().atMost(TIMEOUT).until(() -> done.test(probe.payloadsOn(topic)));
        }
    }

    private static DeviceTopics z2m() {
        return DeviceTopics.zigbee2mqtt("fault/sensor_" + NEXT.incrementAndGet());
    }

    private static String last(List<String> payloads) {
        return payloads.get(payloads.size() - 1);
    }

    private static boolean isJson(String payload) {
        try {
            new JsonObject(payload);
            return true;
        } catch (DecodeException e) {
            return false;
        }
    }

    @Test
    void malformedJsonIsNotJson() {
        var t = z2m();
        check(t, new Fault.MalformedJson(), t.stateTopic(), p -> p.size() == 2 && !isJson(last(p)));
    }

    @Test
    void wrongTypeIsJsonWithWrongTypes() {
        var t = z2m();
        check(t, new Fault.WrongType(), t.stateTopic(),
                p -> p.size() == 2 && new JsonObject(last(p)).getValue("temperature") instanceof String);
    }

    @Test
    void oversizeIsLargeValidJson() {
        var t = z2m();
        check(t, new Fault.Oversize(300_000), t.stateTopic(),
                p -> p.size() == 2 && last(p).length() >= 300_000 && isJson(last(p)));
    }

    @Test
    void duplicateSendsTheSamePayloadTwice() {
        var t = z2m();
        check(t, new Fault.Duplicate(), t.stateTopic(), p -> p.size() == 3 && p.get(1).equals(p.get(2)));
    }

    @Test
    void outOfOrderSendsAnOlderReadingAfterANewerOne() {
        var t = z2m();
        check(t, new Fault.OutOfOrder(), t.stateTopic(), p -> p.size() == 3
                && Instant.parse(new JsonObject(p.get(1)).getString("last_seen"))
                        .isAfter(Instant.parse(new JsonObject(p.get(2)).getString("last_seen"))));
    }

    @Test
    void valuePerTopicFaultsUseTheAttributeTopic() {
        var t = DeviceTopics.valuePerTopic("fault/homie_" + NEXT.incrementAndGet());
        check(t, new Fault.WrongType(), t.attributeTopic("temperature"), p -> p.size() == 2 && last(p).equals("warm"));
        assertThatThrownBy(() -> {
            try (FaultInjector injector = new FaultInjector(broker.url(), t)) {
                injector.inject(new Fault.OutOfOrder());
            }
        }).hasMessageContaining("zigbee2mqtt");
    }

    @Test
    void offlineMakesTheBrokerPublishTheWill() {
        var t = z2m();
        check(t, new Fault.Offline(), t.availabilityTopic(), p -> last(p).equals(t.offlinePayload()));
    }

    @Test
    void flapAlternatesOfflineAndOnline() {
        var t = z2m();
        check(t, new Fault.Flap(3, Duration.ofMillis(50)), t.availabilityTopic(),
                p -> p.stream().filter(t.offlinePayload()::equals).count() == 3
                        && p.stream().filter(t.onlinePayload()::equals).count() == 4
                        && last(p).equals(t.onlinePayload()));
    }
}
