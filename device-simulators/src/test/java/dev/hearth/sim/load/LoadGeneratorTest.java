package dev.hearth.sim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.Probe;
import java.time.Duration;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    /**
     * Behaviour, not speed: the generator never runs ahead of its rate, everything it publishes reaches the broker,
     * and commands are timed. Whether it reaches its rate on a loaded machine is a benchmark's question.
     */
    @Test
    void publishesAtMostItsRateLosesNothingAndMeasuresCommandRoundTrips() {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            var config = new LoadConfig(broker.url(), 50, 500, Duration.ofSeconds(3), 5, 2, 20, "load", 1);
            try (LoadGenerator load = new LoadGenerator(config);
                 Probe probe = Probe.on(broker.url(), load.sensorFilter())) {
                LoadReport report = load.run();

                double seconds = report.elapsed().toNanos() / 1e9;
                assertThat(report.elapsed()).isGreaterThanOrEqualTo(config.duration());
                assertThat(report.published()).isGreaterThanOrEqualTo(50).isLessThanOrEqualTo((long) (500 * seconds) + 1);
                assertThat(report.achievedRate()).isCloseTo(report.published() / seconds, Percentage.withPercentage(0.01));
                await().atMost(Duration.ofSeconds(10)).until(() -> probe.count() >= report.published());
                assertThat(probe.count()).isEqualTo((int) report.published());
                assertThat(probe.received()).extracting(Probe.Received::topic).contains("load/sensor_0", "load/sensor_49");
                assertThat(report.commandsSent()).isLessThanOrEqualTo((long) (20 * seconds) + 1);
                assertThat(report.commandsAnswered()).isPositive().isLessThanOrEqualTo(report.commandsSent());
                assertThat(report.latency().count()).isEqualTo(report.commandsAnswered());
                assertThat(report.latency().p50()).isPositive().isLessThan(1_000_000);
                assertThat(report.describe()).contains("msg/s");
            }
        }
    }
}
