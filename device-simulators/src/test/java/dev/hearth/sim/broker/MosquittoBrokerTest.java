package dev.hearth.sim.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.net.FreePort;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MosquittoBrokerTest {
    @Test
    void startsStopsAndRestartsOnTheSamePort() {
        Path dir;
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            dir = broker.logFile().getParent();
            int port = broker.port();
            assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + port);
            assertThat(FreePort.accepts(port)).isTrue();

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(FreePort.accepts(port)).isFalse();

            broker.startAgain();
            assertThat(FreePort.accepts(port)).isTrue();
            broker.restart();
            assertThat(broker.port()).isEqualTo(port);
            assertThat(FreePort.accepts(port)).isTrue();
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void badConfigFailsWithTheBrokersOwnMessage() {
        assertThatThrownBy(() -> MosquittoBroker.builder().configLine("no_such_option 1").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mosquitto exited");
    }

    @Test
    void missingBinaryIsExplained() {
        assertThatThrownBy(() -> MosquittoBinary.locate("/nonexistent/bin", Path.of("/nonexistent/mosquitto")))
                .hasMessage("mosquitto not found: apt-get install mosquitto");
        assertThat(MosquittoBinary.locate("/nonexistent/bin", Path.of("/usr/sbin/mosquitto")))
                .isEqualTo(Path.of("/usr/sbin/mosquitto"));
    }

    @Test
    void extraConfigLinesAreApplied() {
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("allow_anonymous false").start();
             SimClient client = new SimClient(broker.url(), "anonymous")) {
            client.start();
            assertThat(client.awaitConnected(Duration.ofSeconds(1))).isFalse();
        }
    }
}
