package dev.hearth.gateway.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryDefaultsTest {
    private final Properties saved = (Properties) System.getProperties().clone();

    @AfterEach
    void restore() {
        System.setProperties(saved);
    }

    @Test
    void turnsOffNettysFlightRecorderEventsAndVertxsDnsClient() {
        System.clearProperty("io.netty.jfr.enabled");
        System.clearProperty("vertx.disableDnsResolver");

        LibraryDefaults.apply();

        assertThat(System.getProperty("io.netty.jfr.enabled")).isEqualTo("false");
        assertThat(System.getProperty("vertx.disableDnsResolver")).isEqualTo("true");
    }

    @Test
    void aValueTheUserGaveWins() {
        System.setProperty("io.netty.jfr.enabled", "true");
        System.clearProperty("vertx.disableDnsResolver");

        LibraryDefaults.apply();

        assertThat(System.getProperty("io.netty.jfr.enabled")).isEqualTo("true");
        assertThat(System.getProperty("vertx.disableDnsResolver")).isEqualTo("true");
    }
}
