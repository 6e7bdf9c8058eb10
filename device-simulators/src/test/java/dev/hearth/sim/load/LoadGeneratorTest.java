package dev.hearth.sim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.Probe;
import java.time.Duration;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    @Test
    void achievesTheTargetRateAndMeasuresCommandRoundTrips() {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            var config = new LoadConfig(broker.url(), 50, 500, Duration.ofSeconds(3), 5, 2, 20, "load", 1);
            try (LoadGenerator load = new LoadGenerator(config);
                 Probe probe = Probe.on(broker.url(), load.sensorFilter())) {
                LoadReport report = load.run();

                assertThat(report.published()).isCloseTo(1500, Percentage.withPercentage(3));
                assertThat(report.achievedRate()).isCloseTo(500.0, Percentage.withPercentage(3));
                await().atMost(Duration.ofSeconds(10)).until(() -> probe.count() >= report.published());
                assertThat(probe.count()).isEqualTo((int) report.published());
                assertThat(probe.received()).extracting(Probe.Received::topic).contains("load/sensor_0", "load/sensor_49");
                assertThat(report.commandsAnswered()).isGreaterThan(40);
                assertThat(report.latency().count()).isEqualTo(report.commandsAnswered());
                assertThat(report.latency().p50()).isPositive().isLessThan(1_000_000);
                assertThat(report.describe()).contains("msg/s");
            }
        }
    }
}
