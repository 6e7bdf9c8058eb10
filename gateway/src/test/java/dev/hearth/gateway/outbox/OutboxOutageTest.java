package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker goes away while commands keep coming; when it is back, every command arrives, each light's in order. */
class OutboxOutageTest {
    static final int LIGHTS = 10;
    private static final Pattern BRIGHTNESS = Pattern.compile("\"brightness\":(\\d+)");

    @TempDir
    Path dir;

    static String lights() {
        StringBuilder yaml = new StringBuilder("devices:\n");
        for (int i = 0; i < LIGHTS; i++) {
            yaml.append("  - id: light_").append(i).append("\n    kind: light\n    state_topic: z/light_").append(i).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void thousandCommandsDuringABrokerOutageAllArriveInOrderPerTopic() {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port());
             TestHome home = TestHome.start(dir, TestHome.externalBroker(proxy.url(), "30s"), lights(), "automations: []\n",
                     broker.url()).awaitConnected()) {
            Map<String, List<Integer>> received = observe(home);
            EventBus bus = home.gateway().vertx().eventBus();

            proxy.refuseConnections(true);
            broker.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !home.gateway().bridge().connected());
            long commitsBefore = home.gateway().database().commits();
            List<Future<Object>> acks = new ArrayList<>();
            for (int n = 1; n <= 100; n++) {
                for (int light = 0; light < LIGHTS; light++) acks.add(command(bus, light, n));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> status(bus).queued() == 1000);
            long commits = home.gateway().database().commits() - commitsBefore;
            assertThat(commits).as("group commit: far fewer commits than messages").isLessThan(500);
            assertThat(acks).noneMatch(Future::isComplete);
            await().atMost(Duration.ofSeconds(3)).until(() -> home.gateway().meters().registry()
                    .get("hearth.outbox.queued").tag("link", "broker").gauge().value() == 1000.0);

            broker.startAgain();
            awaitObserverBack();
            proxy.refuseConnections(false);

            Future.all(acks).await();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.values().stream().mapToInt(List::size).sum() >= 1000);
            for (int light = 0; light < LIGHTS; light++) {
                List<Integer> values = received.get("z/light_" + light + "/set");
                assertThat(new ArrayList<>(new LinkedHashSet<>(values))).as("light %d, first arrivals in order", light)
                        .isEqualTo(range(1, 100));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> status(bus).queued() == 0);
            assertThat(status(bus).expired()).isZero();
        }
    }

    @Test
    void commandsOlderThanTheirLifetimeAreDroppedAndNeverSent() {
        String gateway = TestHome.externalBroker("tcp://127.0.0.1:1", "30s") + "outbox:\n  command_ttl: 1s\n";
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port());
             TestHome home = TestHome.start(dir, gateway.replace("tcp://127.0.0.1:1", proxy.url()), lights(), "automations: []\n",
                     broker.url()).awaitConnected()) {
            Map<String, List<Integer>> received = observe(home);
            EventBus bus = home.gateway().vertx().eventBus();
            proxy.refuseConnections(true);
            proxy.sever();
            await().atMost(Duration.ofSeconds(10)).until(() -> !home.gateway().bridge().connected());

            List<Future<Object>> acks = new ArrayList<>();
            for (int n = 1; n <= 20; n++) acks.add(command(bus, n % LIGHTS, n));
            await().atMost(Duration.ofSeconds(5)).until(() -> status(bus).expired() == 20);
            assertThat(status(bus).queued()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> acks.stream().allMatch(Future::isComplete));
            assertThat(acks).allSatisfy(a -> assertThat(a.cause()).hasMessageContaining("expired"));

            proxy.refuseConnections(false);
            home.awaitConnected();
            command(bus, 0, 200).await();
            await().atMost(Duration.ofSeconds(5)).until(() -> received.containsKey("z/light_0/set"));
            assertThat(received.get("z/light_0/set")).containsExactly(200);
        }
    }

    private final AtomicInteger observerConnects = new AtomicInteger();

    private Map<String, List<Integer>> observe(TestHome home) {
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        SimClient observer = home.client("observer");
        observer.onConnect(observerConnects::incrementAndGet);
        observer.subscribe("z/+/set", (topic, payload) -> {
            Matcher m = BRIGHTNESS.matcher(new String(payload, StandardCharsets.UTF_8));
            if (m.find()) received.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(m.group(1)));
        });
        observer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> observerConnects.get() == 1);
        return received;
    }

    private void awaitObserverBack() {
        await().atMost(Duration.ofSeconds(15)).until(() -> observerConnects.get() >= 2);
    }

    static Future<Object> command(EventBus bus, int light, int brightness) {
        return bus.request(Addresses.DEVICE_COMMAND, new CommandRequested(new DeviceId("light_" + light),
                Map.of("brightness", Value.of(brightness)), "test")).map(m -> null);
    }

    static OutboxStatus status(EventBus bus) {
        return bus.<OutboxStatus>request(Addresses.OUTBOX_STATUS, new OutboxStatus.Query()).await().body();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) out.add(i);
        return out;
    }
}
