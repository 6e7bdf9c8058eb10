package dev.hearth.gateway.logging;

import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.gateway.yaml.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code logging.format} in gateway.yaml: text unless asked for json; anything else is a configuration error with its position. */
class LogFormatConfigTest {
    private static final String GATEWAY = TestHome.externalBroker("tcp://127.0.0.1:1", "30s");

    @TempDir
    Path dir;

    private Path write(String gateway) throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), gateway);
        Files.writeString(dir.resolve("devices.yaml"), TestHome.DEVICES);
        return dir;
    }

    @Test
    void textByDefaultJsonWhenAskedFor() throws Exception {
        assertThat(new ConfigLoader(Map.of()).load(write(GATEWAY)).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(new ConfigLoader(Map.of()).load(write(GATEWAY + "\nlogging:\n  format: json\n")).logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void anUnknownFormatIsAProblemAtItsPosition() throws Exception {
        Path config = write(GATEWAY + "\nlogging:\n  format: xml\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(config)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems().toString()).contains("gateway.yaml:", "xml", "json"));
    }
}
