package dev.hearth.sim.scenario;

import dev.hearth.sim.device.Action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** People become motion: random but repeatable occupancy, only in their rooms, while they are home. */
class PeopleTest {
    private static final String HOME = """
            start: "17:00"
            end: "23:00"
            seed: 42
            rooms:
              hallway:
                devices:
                  hallway_motion: {kind: motion, topic: p/hallway_motion}
              kitchen:
                devices:
                  kitchen_motion: {kind: motion, topic: p/kitchen_motion}
              living_room:
                devices:
                  living_motion: {kind: motion, topic: p/living_motion}
                  living_temperature: {kind: temperature, topic: p/living_temperature}
              attic:
                devices:
                  attic_motion: {kind: motion, topic: p/attic_motion}
            people:
              alice:
                arrives: "18:00"
                leaves: "22:30"
                rooms: [hallway, kitchen, living_room]
                stay: 20m
            """;

    @Test
    void aPersonArrivesMovesBetweenTheirRoomsAndLeavesTheWayTheyCame() {
        List<TimelineEvent> timeline = ScenarioLoader.parse(HOME, "p.yaml").timeline();

        assertThat(timeline.get(0).toString()).isEqualTo("18:00 hallway_motion detect (alice arrives in the hallway)");
        assertThat(timeline.get(timeline.size() - 1).toString()).isEqualTo("22:30 hallway_motion detect (alice leaves)");
        assertThat(timeline).allMatch(e -> e.action().equals(Optional.of(Action.DETECT)))
                .extracting(e -> e.device().orElseThrow()).doesNotContain("attic_motion")
                .contains("hallway_motion", "kitchen_motion", "living_motion");
        assertThat(timeline).filteredOn(e -> e.note().contains("goes to the")).hasSizeGreaterThan(3);
        assertThat(timeline).allMatch(e -> !e.at().isBefore(LocalTime.of(18, 0)) && !e.at().isAfter(LocalTime.of(22, 30)));
        for (int i = 1; i < timeline.size(); i++) {
            assertThat(Duration.between(timeline.get(i - 1).at(), timeline.get(i).at()))
                    .as("someone at home keeps a motion sensor triggered").isLessThanOrEqualTo(Duration.ofMinutes(2));
        }
    }

    @Test
    void theSameSeedGivesTheSameEveningAndAnotherSeedAnother() {
        List<TimelineEvent> first = ScenarioLoader.parse(HOME, "p.yaml").timeline();
        assertThat(ScenarioLoader.parse(HOME, "p.yaml").timeline()).isEqualTo(first);
        assertThat(ScenarioLoader.parse(HOME.replace("seed: 42", "seed: 7"), "p.yaml").timeline()).isNotEqualTo(first);
    }

    @Test
    void mistakesAboutPeopleCarryFileLineAndColumn() {
        assertThatThrownBy(() -> ScenarioLoader.parse(HOME.replace("[hallway, kitchen", "[hallway, garage"), "p.yaml"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("p.yaml:22:22: unknown room 'garage' (rooms: hallway, kitchen, living_room, attic)");
        assertThatThrownBy(() -> ScenarioLoader.parse(HOME.replace("\"22:30\"", "\"17:30\""), "p.yaml"))
                .hasMessage("p.yaml:20:5: alice leaves before arriving");
        assertThatThrownBy(() -> ScenarioLoader.parse(HOME.replace("stay: 20m", "stay: a while"), "p.yaml"))
                .hasMessageStartingWith("p.yaml:23:11: expected a duration");
    }
}
