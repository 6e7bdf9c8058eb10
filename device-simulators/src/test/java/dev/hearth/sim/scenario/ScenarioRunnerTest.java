package dev.hearth.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.Thermostat;
import dev.hearth.sim.mqtt.Probe;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
    private static final String SCENARIO = """
            scenario: quick
            start: "18:00"
            end: "20:00"
            acceleration: 3600
            outside: {min: 5, max: 10}
            rooms:
              hallway:
                devices:
                  motion: {kind: motion, topic: t/hallway_motion, hold: 5m}
                  lux: {kind: illuminance, topic: t/hallway_lux}
              living:
                temperature: 18
                heater: 6
                devices:
                  temp: {kind: temperature, topic: t/living_temperature}
                  thermostat: {kind: thermostat, topic: t/living_thermostat}
                  window: {kind: contact, topic: t/living_window}
            timeline:
              - {at: "18:00", device: thermostat, action: heat}
              - {at: "18:00", device: thermostat, action: setpoint, value: 21}
              - {at: "18:30", device: motion, action: detect, note: someone enters the hallway}
              - {at: "19:30", device: window, action: open}
            """;

    @Test
    void playsTheTimelineAndTheRoomFollowsHeatingAndWindow() throws Exception {
        Scenario scenario = ScenarioLoader.parse(SCENARIO, "quick.yaml");
        try (MosquittoBroker broker = MosquittoBroker.start();
             Probe probe = Probe.on(broker.url(), "t/#");
             ScenarioRunner runner = new ScenarioRunner(scenario, broker.url())) {
            runner.start(Duration.ofSeconds(10));
            assertThat(runner.awaitEnd(Duration.ofSeconds(20))).isTrue();

            assertThat(runner.fired()).hasSize(4);
            List<Double> temps = probe.payloadsOn("t/living_temperature").stream()
                    .map(p -> new JsonObject(p).getDouble("temperature")).toList();
            double peak = temps.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertThat(peak).isGreaterThanOrEqualTo(20.9);
            assertThat(temps.get(temps.size() - 1)).isLessThan(peak - 1.0);
            assertThat(probe.payloadsOn("t/living_thermostat"))
                    .anyMatch(p -> p.contains("\"running_state\":\"heat\""))
                    .anyMatch(p -> p.contains("\"running_state\":\"idle\"") && p.contains("\"system_mode\":\"heat\""));
            assertThat(probe.payloadsOn("t/hallway_motion"))
                    .anyMatch(p -> p.contains("\"occupancy\":true"));
            assertThat(probe.payloadsOn("t/hallway_motion").get(probe.payloadsOn("t/hallway_motion").size() - 1))
                    .contains("\"occupancy\":false");
            assertThat(probe.payloadsOn("t/hallway_lux")).isNotEmpty();
            assertThat(runner.device("thermostat", Thermostat.class).setpoint()).isEqualTo(21.0);
            assertThat(runner.roomTemperature("living")).isLessThan(peak);
        }
    }
}
