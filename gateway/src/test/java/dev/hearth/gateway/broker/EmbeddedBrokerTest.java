package dev.hearth.gateway.broker;

import dev.hearth.gateway.Gateway;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The embedded HiveMQ CE listens on loopback only and, with credentials configured, admits no one without them. */
class EmbeddedBrokerTest {

    @Test
    void credentialsFromASecretsFileAreEnforcedAndTheListenerIsLoopbackOnly(@TempDir Path dir) throws Exception {
        int port = FreePort.loopback();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("broker-password"), "s3cret-from-file\n");
        String gatewayYaml = TestHome.embeddedBroker(port) + "  username: hearth\n  password_file: broker-password\n";
        TestHome.writeAndLoad(dir, gatewayYaml, TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS);
        GatewayConfig config = new ConfigLoader(Map.of()).load(dir);

        try (Gateway gateway = Gateway.start(config, List.of())) {
            assertThat(gateway.awaitConnected(Duration.ofSeconds(20))).as("gateway uses the broker's credentials").isTrue();
            assertThat(listeningAddresses(port)).isNotEmpty().allMatch(EmbeddedBrokerTest::isLoopback);

            try (SimClient anonymous = new SimClient("tcp://127.0.0.1:" + port, "anonymous")) {
                anonymous.start();
                assertThat(anonymous.awaitConnected(Duration.ofSeconds(2))).as("anonymous client refused").isFalse();
            }
        }
    }

    /** Issue 14, item 18: the URL was tcp://::1:port, which Paho refuses with a misleading message. */
    @Test
    void anEmbeddedBrokerOnTheIpv6LoopbackIsReachedThroughABracketedUrl(@TempDir Path dir) throws Exception {
        int port = FreePort.loopback();
        TestHome.writeAndLoad(dir, TestHome.embeddedBroker(port).replace("bind: 127.0.0.1", "bind: ::1"), TestHome.DEVICES,
                TestHome.HALLWAY_AUTOMATIONS);
        GatewayConfig config = new ConfigLoader(Map.of()).load(dir);
        assertThat(config.mqtt().url()).isEqualTo("tcp://[::1]:" + port);

        try (Gateway gateway = Gateway.start(config, List.of())) {
            assertThat(gateway.awaitConnected(Duration.ofSeconds(20))).as("the gateway reaches its broker on ::1").isTrue();
        }
    }

    @Test
    void anEmbeddedBrokerOnANetworkAddressNeedsCredentials(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("automations"));
        Files.writeString(dir.resolve("gateway.yaml"), TestHome.embeddedBroker(1883).replace("bind: 127.0.0.1", "bind: 0.0.0.0"));
        Files.writeString(dir.resolve("devices.yaml"), TestHome.DEVICES);
        assertThat(catchThrowable(() -> new ConfigLoader(Map.of()).load(dir)))
                .hasMessageContaining("gateway.yaml:11:3: an embedded broker reachable from the network (bind 0.0.0.0) needs a username");
    }

    /** Local addresses (hex, as /proc/net/tcp and tcp6 write them) of sockets listening on {@code port}. */
    private static List<String> listeningAddresses(int port) throws Exception {
        String hexPort = String.format("%04X", port);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of("/proc/net/tcp")));
        lines.addAll(Files.readAllLines(Path.of("/proc/net/tcp6")));
        return lines.stream()
                .map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length > 3 && f[1].endsWith(":" + hexPort) && f[3].equals("0A"))
                .map(f -> f[1].substring(0, f[1].indexOf(':')))
                .toList();
    }

    /** 127.0.0.1 as IPv4, or IPv4-mapped in IPv6 (::ffff:127.0.0.1), or ::1. */
    private static boolean isLoopback(String hex) {
        return hex.equals("0100007F") || hex.equals("0000000000000000FFFF00000100007F")
                || hex.equals("00000000000000000000000001000000");
    }
}
