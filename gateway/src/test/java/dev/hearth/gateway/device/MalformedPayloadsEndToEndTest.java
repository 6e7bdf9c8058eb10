package dev.hearth.gateway.device;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Garbage from devices is counted and ignored; valid messages around it are still applied. */
class MalformedPayloadsEndToEndTest {

    @Test
    void malformedAndOversizePayloadsAreCountedAndValidOnesStillProcessed(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), broker.url()).awaitConnected()) {
            SimClient device = home.connectedClient("bad-device");
            device.publish("zigbee2mqtt/living_temperature", "{\"temperature\": 20.5", 1, false);
            device.publish("zigbee2mqtt/living_temperature", "[1,2,3]", 1, false);
            device.publish("zigbee2mqtt/living_temperature", "{\"temperature\":\"warm\",\"humidity\":40}", 1, false);
            device.publish("zigbee2mqtt/living_temperature", "{\"temperature\":1e999}", 1, false);
            device.publish("zigbee2mqtt/living_temperature", "{\"pad\":\"" + "x".repeat(5000) + "\"}", 1, false);
            device.publish("homie/kitchen_plug/power", "lots", 1, false);
            device.publish("zigbee2mqtt/living_temperature/availability", "maybe", 1, false);
            device.publish("zigbee2mqtt/living_temperature", "{\"temperature\":21.5}", 1, false);
            device.publish("homie/kitchen_plug/state", "ON", 1, false);

            MalformedPayloads counts = home.gateway().registry().malformed();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(value(home, "living_temperature", "temperature")).isEqualTo("21.5");
                assertThat(value(home, "kitchen_plug", "state")).isEqualTo("ON");
            });
            assertThat(counts.count(Malformed.BAD_JSON)).isEqualTo(1);
            assertThat(counts.count(Malformed.NOT_AN_OBJECT)).isEqualTo(1);
            assertThat(counts.count(Malformed.WRONG_TYPE)).isEqualTo(3);
            assertThat(counts.count(Malformed.OVERSIZE)).isEqualTo(1);
            assertThat(counts.count(Malformed.BAD_AVAILABILITY)).isEqualTo(1);
            assertThat(value(home, "living_temperature", "humidity")).as("valid fields of a partly wrong payload").isEqualTo("40");
            assertThat(home.gateway().bridge().connects()).isEqualTo(1);
        }
    }

    private static String value(TestHome home, String device, String attribute) {
        return home.gateway().registry().state(new DeviceId(device)).flatMap(s -> s.value(attribute)).map(Object::toString).orElse(null);
    }
}
