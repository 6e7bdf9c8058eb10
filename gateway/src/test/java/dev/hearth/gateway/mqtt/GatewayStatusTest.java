package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.fault.TcpProxy;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway announces itself on {@code <base>/status}: online (retained), offline on stop, offline as its will. */
class GatewayStatusTest {

    @Test
    void statusIsOnlineWhileUpOfflineAfterStopAndOfflineByWillWhenTheLinkDies(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.start(); TcpProxy proxy = TcpProxy.to(broker.port())) {
            String gatewayYaml = TestHome.externalBroker(proxy.url(), "30s");
            String statusTopic = "hearth/" + gatewayYaml.lines().filter(l -> l.contains("id: test")).findFirst().orElseThrow()
                    .replace("id:", "").strip() + "/status";
            List<String> status = new CopyOnWriteArrayList<>();
            try (TestHome home = TestHome.start(dir, gatewayYaml, broker.url()).awaitConnected()) {
                SimClient watcher = home.connectedClient("status-watcher");
                watcher.subscribe(statusTopic, (t, p) -> status.add(new String(p, StandardCharsets.UTF_8)));
                await().atMost(Duration.ofSeconds(5)).until(() -> status.contains("online"));

                proxy.refuseConnections(true);
                proxy.sever();
                await().atMost(Duration.ofSeconds(5)).until(() -> status.size() >= 2);
                assertThat(status.get(status.size() - 1)).as("will message").isEqualTo("offline");

                proxy.refuseConnections(false);
                await().atMost(Duration.ofSeconds(5)).until(() -> status.get(status.size() - 1).equals("online"));
            }
            List<String> retained = new CopyOnWriteArrayList<>();
            SimClient late = new SimClient(broker.url(), "late-status-reader");
            try (late) {
                late.subscribe(statusTopic, (t, p) -> retained.add(new String(p, StandardCharsets.UTF_8)));
                late.start();
                await().atMost(Duration.ofSeconds(5)).until(() -> !retained.isEmpty());
                assertThat(retained).as("retained status after a clean stop").containsExactly("offline");
            }
        }
    }
}
