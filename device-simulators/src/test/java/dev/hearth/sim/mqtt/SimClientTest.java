package dev.hearth.sim.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.net.FreePort;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimClientTest {
    private static final Duration TEN_S = Duration.ofSeconds(10);
    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void burstOf200IsDeliveredWithinTheBrokersReceiveMaximum() {
        try (Probe probe = Probe.on(broker.url(), "burst/#");
             SimClient client = new SimClient(broker.url(), "burst")) {
            client.start();
            for (int i = 0; i < 200; i++) {
                client.publish("burst/" + i, "m" + i, 1, false);
            }
            await().atMost(TEN_S).until(() -> probe.count() == 200);
            assertThat(probe.received()).extracting(Probe.Received::payload).startsWith("m0", "m1").endsWith("m199");
        }
    }

    @Test
    void messagesPublishedBeforeTheFirstConnectAreSentOnceTheBrokerIsUp() {
        int port = FreePort.loopback();
        try (SimClient client = new SimClient("tcp://127.0.0.1:" + port, "late")) {
            client.start();
            client.publish("late/x", "early");
            await().atMost(TEN_S).until(() -> client.queued() == 1);
            try (MosquittoBroker late = MosquittoBroker.builder().port(port).start();
                 Probe probe = Probe.on(late.url(), "late/#")) {
                // The probe may subscribe after the message went out; republish until both are up.
                assertThat(client.awaitConnected(TEN_S)).isTrue();
                client.publish("late/x", "after");
                await().atMost(TEN_S).until(() -> probe.payloadsOn("late/x").contains("after"));
                assertThat(client.queued()).isZero();
            }
        }
    }

    @Test
    void reconnectsAfterBrokerRestartAndResubscribes() {
        try (MosquittoBroker own = MosquittoBroker.start();
             SimClient client = new SimClient(own.url(), "restart")) {
            List<String> got = new CopyOnWriteArrayList<>();
            client.subscribe("restart/in", (t, p) -> got.add(new String(p)));
            client.start();
            assertThat(client.awaitConnected(TEN_S)).isTrue();

            own.restart();

            await().atMost(TEN_S).until(() -> client.connectCount() == 2 && client.isConnected());
            try (Probe sender = Probe.on(own.url(), "unused")) {
                sender.client().publish("restart/in", "hello");
                await().atMost(TEN_S).until(() -> got.contains("hello"));
            }
        }
    }

    @Test
    void queuedMessagesSurviveAnOutage() {
        try (TcpProxy proxy = TcpProxy.to(broker.port());
             Probe probe = Probe.on(broker.url(), "outage/#");
             SimClient client = new SimClient(proxy.url(), "outage")) {
            client.start();
            assertThat(client.awaitConnected(TEN_S)).isTrue();
            proxy.refuseConnections(true);
            proxy.sever();
            await().atMost(TEN_S).until(() -> !client.isConnected());
            for (int i = 0; i < 50; i++) {
                client.publish("outage/" + i, "o" + i);
            }
            proxy.refuseConnections(false);
            await().atMost(TEN_S).until(() -> probe.count() >= 50);
            assertThat(client.connectCount()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void willIsPublishedWhenTheLinkIsCut() {
        try (TcpProxy proxy = TcpProxy.to(broker.port());
             Probe probe = Probe.on(broker.url(), "will/#");
             SimClient client = new SimClient(proxy.url(), "will")) {
            client.setWill("will/state", "gone".getBytes(), true);
            client.start();
            assertThat(client.awaitConnected(TEN_S)).isTrue();
            proxy.refuseConnections(true);
            proxy.sever();
            await().atMost(TEN_S).until(() -> "gone".equals(probe.lastOn("will/state")));
        }
    }

    @Test
    void awaitIdleTellsWhenEverythingWasAcknowledged() {
        try (Probe probe = Probe.on(broker.url(), "idle/#");
             SimClient client = new SimClient(broker.url(), "idle")) {
            client.publish("idle/q0", "zero", 0, false);
            assertThat(client.awaitIdle(Duration.ofMillis(200))).as("not started yet").isFalse();
            client.start();
            client.publish("idle/q1", "one", 1, false);
            assertThat(client.awaitIdle(TEN_S)).isTrue();
            await().atMost(TEN_S).until(() -> probe.count() == 2);
        }
    }

    @Test
    void closeIsIdempotentAndStopsItsThreads() {
        SimClient client = new SimClient(broker.url(), "closer");
        client.start();
        assertThat(client.awaitConnected(TEN_S)).isTrue();
        client.close();
        client.close();
        assertThat(client.isConnected()).isFalse();
        await().atMost(TEN_S).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().contains("closer") && t.isAlive())); // ours and Paho's
    }
}
