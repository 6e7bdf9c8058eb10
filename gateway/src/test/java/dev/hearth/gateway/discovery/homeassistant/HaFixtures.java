package dev.hearth.gateway.discovery.homeassistant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The discovery configs under src/test/resources/discovery/homeassistant (sources in SOURCES.md there). */
final class HaFixtures {
    record Fixture(String topic, byte[] payload) {
    }

    private HaFixtures() {
    }

    /** {@code esphome/sensor.garagedoor1.garage_temperature.json} → topic {@code homeassistant/sensor/garagedoor1/garage_temperature/config}. */
    static Fixture config(String file) {
        String name = file.substring(file.indexOf('/') + 1, file.length() - ".json".length());
        return new Fixture("homeassistant/" + name.replace('.', '/') + "/config", read("/discovery/homeassistant/" + file));
    }

    static byte[] read(String resource) {
        try (InputStream in = HaFixtures.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
