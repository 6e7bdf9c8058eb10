package dev.hearth.gateway;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceOverride;
import dev.hearth.gateway.device.DevicesFileReader;
import dev.hearth.gateway.support.CommandLineRun;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlDocument;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code hearth devices} against a running gateway on Mosquitto whose devices come from a real Zigbee2MQTT
 * {@code bridge/devices} document (the fixture of the discovery tests) plus one hand-written device: it lists both,
 * and {@code --write} gives a devices.yaml of overrides that the gateway reads back, never overwriting a file.
 */
class DevicesCommandTest {
    private static final String DEVICES = """
            devices:
              - id: porch_light
                name: Porch light
                room: outside
                kind: light
                state_topic: porch/light
            """;

    @TempDir
    Path dir;

    @Test
    void listsDiscoveredAndHandWrittenDevicesAndWritesStarterOverrides() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(); SimClient bridge = new SimClient(broker.url(), "z2m-bridge")) {
            bridge.start();
            assertThat(bridge.awaitConnected(Duration.ofSeconds(10))).isTrue();
            bridge.publish("zigbee2mqtt/bridge/state", "{\"state\":\"online\"}", 1, true);
            bridge.publish("zigbee2mqtt/bridge/devices", bridgeDevices(), 1, true);
            try (TestHome home = TestHome.start(dir.resolve("home"), TestHome.externalBroker(broker.url(), "30s"), DEVICES,
                    "automations: []\n", broker.url()).awaitConnected()) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> home.gateway().registry().spec(new DeviceId("living_room_trv")).isPresent());
                String config = home.dir().toString();

                CommandLineRun listed = CommandLineRun.hearth("devices", "-c", config);

                assertThat(listed.code()).as(listed.err()).isZero();
                List<String> lines = listed.out().lines().toList();
                assertThat(lines.get(0)).isEqualTo("8 discovered, 1 from devices.yaml");
                assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("living_room_trv ").contains("Living Room/TRV", "discovered"));
                assertThat(lines).last().satisfies(l -> assertThat(l).startsWith("porch_light ").contains("outside", "devices.yaml"));

                Path starter = dir.resolve("starter.yaml");
                CommandLineRun written = CommandLineRun.hearth("devices", "--write", starter.toString(), "-c", config);

                assertThat(written.code()).as(written.err()).isZero();
                assertThat(written.out()).contains("Wrote 8 overrides to " + starter);
                List<DeviceOverride> overrides = readOverrides(starter);
                assertThat(overrides).hasSize(8).extracting(o -> o.id().value()).doesNotContain("porch_light");
                assertThat(overrides).filteredOn(o -> o.id().value().equals("living_room_trv"))
                        .singleElement().satisfies(o -> assertThat(o.name()).contains("Living Room/TRV"));

                String before = Files.readString(starter);
                CommandLineRun again = CommandLineRun.hearth("devices", "--write", starter.toString(), "-c", config);
                assertThat(again.code()).isEqualTo(1);
                assertThat(again.err()).contains(starter + " exists: not overwritten");
                assertThat(Files.readString(starter)).isEqualTo(before);
            }
        }
    }

    @Test
    void aStoppedGatewayIsNamedAsSuch() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            Path home;
            try (TestHome running = TestHome.start(dir.resolve("home"), TestHome.externalBroker(broker.url(), "30s"), DEVICES,
                    "automations: []\n", broker.url()).awaitConnected()) {
                home = running.dir();
            }
            CommandLineRun listed = CommandLineRun.hearth("devices", "-c", home.toString());
            assertThat(listed.code()).isEqualTo(1);
            assertThat(listed.err()).contains("The gateway is not running");
        }
    }

    /** As the gateway reads devices.yaml: every problem with its position, none expected. */
    private static List<DeviceOverride> readOverrides(Path file) {
        Problems problems = new Problems();
        List<DeviceOverride> overrides = YamlDocument.read(file, "devices.yaml", problems)
                .map(root -> new DevicesFileReader().read("devices.yaml", root, problems).overrides()).orElse(List.of());
        assertThat(problems.list()).isEmpty();
        return overrides;
    }

    private static byte[] bridgeDevices() throws IOException {
        try (InputStream in = DevicesCommandTest.class.getResourceAsStream("/discovery/zigbee2mqtt/bridge-devices.json")) {
            return in.readAllBytes();
        }
    }
}
