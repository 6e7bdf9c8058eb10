package dev.hearth.distribution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The runtime a Mosquitto user carries is lean; the embedded broker is a part of its own. */
class LeanRuntimeTest {
    private static final long MB = 1_000_000;
    private static final Path LIB = Path.of("target/hearth/lib");

    @Test
    void theGatewaysJarIsLeanAndHoldsNoBroker() throws Exception {
        Path gateway = LIB.resolve("hearth.jar");

        assertThat(Files.size(gateway)).isLessThan(30 * MB);
        try (ZipFile jar = new ZipFile(gateway.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("com/hivemq/") || n.contains("rocksdb")
                    || n.equals("dev/hearth/gateway/broker/EmbeddedBroker.class"))).isEmpty();
        }
    }

    @Test
    void theEmbeddedBrokerIsItsOwnJarWithoutRocksDbsNativeLibraries() throws Exception {
        Path broker = LIB.resolve("hearth-broker.jar");

        assertThat(Files.size(LIB.resolve("hearth.jar")) + Files.size(broker)).isLessThan(50 * MB);
        try (ZipFile jar = new ZipFile(broker.toFile())) {
            assertThat(jar.getEntry("META-INF/services/dev.hearth.gateway.broker.EmbeddedBrokers")).isNotNull();
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("librocksdbjni"))).isEmpty();
        }
    }

    @Test
    void withoutTheBrokerJarAnEmbeddedBrokerIsAConfigurationErrorThatSaysWhatToDo(@TempDir Path dir) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.yaml"), Files.readString(Path.of("../config/gateway.yaml")).replace("port: 8080", "port: 0"));
        Files.copy(Path.of("../config/devices.yaml"), config.resolve("devices.yaml"));
        Files.createDirectories(dir.resolve("automations"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The gateway looks for the broker's jar beside its own: a lib/ with hearth.jar alone.
        Path gatewayJar = Files.copy(LIB.resolve("hearth.jar"), Files.createDirectories(dir.resolve("lib")).resolve("hearth.jar"));

        for (String command : new String[]{"run", "check"}) {
            Shell run = Shell.run(dir, java, "-cp", gatewayJar.toString(), "dev.hearth.gateway.Main",
                    command, "-c", config.toString());

            assertThat(run.status()).as(command).isEqualTo(2);
            assertThat(run.output()).as(command).contains("error: mqtt.embedded is true but the embedded broker is not installed",
                    "set mqtt.embedded: false and mqtt.url to your broker", "the hearth-broker package").doesNotContain("Exception");
        }
    }
}
