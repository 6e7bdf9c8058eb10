package dev.hearth.gateway.device;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.fault.Fault;
import dev.hearth.sim.fault.FaultInjector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulators' fault modes against the real gateway: each is seen as what it claims to be (counted
 * by its reason and ignored, or a device gone offline through its will), and none costs valid data.
 */
class SimulatedFaultsEndToEndTest {
    private static final DeviceId SENSOR = new DeviceId("living_temperature");

    @Test
    void everyInjectedFaultIsSeenByTheGatewayAsWhatItClaims(@TempDir Path dir) {
        try (MosquittoBroker broker = MosquittoBroker.start();
             TestHome home = TestHome.start(dir, TestHome.externalBroker(broker.url(), "30s"), broker.url()).awaitConnected();
             FaultInjector sensor = new FaultInjector(broker.url(), DeviceTopics.zigbee2mqtt("zigbee2mqtt/living_temperature"))) {
            MalformedPayloads counts = home.gateway().registry().malformed();
            await().atMost(Duration.ofSeconds(10)).until(() -> availability(home).equals(Optional.of(Availability.ONLINE))
                    && temperature(home).equals("20"));

            sensor.inject(new Fault.MalformedJson());
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.count(Malformed.BAD_JSON) == 1);

            sensor.inject(new Fault.WrongType());
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.count(Malformed.WRONG_TYPE) >= 1);

            sensor.inject(new Fault.Oversize(8192));
            await().atMost(Duration.ofSeconds(5)).until(() -> counts.count(Malformed.OVERSIZE) == 1);
            assertThat(temperature(home)).as("no fault changed the reading").isEqualTo("20");

            sensor.inject(new Fault.Duplicate());
            await().atMost(Duration.ofSeconds(5)).until(() -> temperature(home).equals("21.5"));

            sensor.inject(new Fault.Offline());
            await().atMost(Duration.ofSeconds(10)).until(() -> availability(home).equals(Optional.of(Availability.OFFLINE)));
            assertThat(counts.count(Malformed.BAD_JSON)).isEqualTo(1);
            assertThat(home.gateway().bridge().connects()).as("the gateway's own link never suffered").isEqualTo(1);
        }
    }

    private static String temperature(TestHome home) {
        return home.gateway().registry().state(SENSOR).flatMap(s -> s.value("temperature")).map(Object::toString).orElse("");
    }

    private static Optional<Availability> availability(TestHome home) {
        return home.gateway().registry().state(SENSOR).map(DeviceState::availability);
    }
}
