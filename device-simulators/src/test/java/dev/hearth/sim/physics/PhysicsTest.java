package dev.hearth.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class PhysicsTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void roomWarmsWhileHeating() {
        RoomThermal room = new RoomThermal(ThermalProperties.typical(), 18.0);
        room.step(HOUR, 5.0, true, false);
        assertThat(room.temperature()).isGreaterThan(19.0);
    }

    @Test
    void roomCoolsTowardsOutsideAndFasterWithTheWindowOpen() {
        RoomThermal closed = new RoomThermal(ThermalProperties.typical(), 20.0);
        RoomThermal open = new RoomThermal(ThermalProperties.typical(), 20.0);
        closed.step(HOUR, 5.0, false, false);
        open.step(HOUR, 5.0, false, true);
        assertThat(closed.temperature()).isLessThan(20.0).isGreaterThan(5.0);
        assertThat(20.0 - open.temperature()).isGreaterThan(3 * (20.0 - closed.temperature()));
        assertThat(open.temperature()).isGreaterThan(5.0);
    }

    @Test
    void heatingCannotKeepUpWithAnOpenWindow() {
        RoomThermal room = new RoomThermal(ThermalProperties.typical(), 21.0);
        room.step(HOUR, 0.0, true, true);
        assertThat(room.temperature()).isLessThan(21.0);
    }

    @Test
    void longStepsStayStable() {
        RoomThermal room = new RoomThermal(ThermalProperties.typical(), 20.0);
        room.step(Duration.ofDays(10), 5.0, false, true);
        assertThat(room.temperature()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void outsideIsColdestAtDawnAndWarmestInTheAfternoon() {
        OutsideClimate climate = OutsideClimate.autumn();
        assertThat(climate.temperatureAt(LocalTime.of(5, 0))).isEqualTo(4.0);
        assertThat(climate.temperatureAt(LocalTime.of(17, 0))).isEqualTo(12.0);
        assertThat(climate.temperatureAt(LocalTime.of(11, 0))).isBetween(7.9, 8.1);
    }

    @Test
    void sunShinesOnlyBetweenSunriseAndSunset() {
        Sun sun = Sun.autumn();
        assertThat(sun.illuminanceAt(LocalTime.MIDNIGHT)).isZero();
        assertThat(sun.illuminanceAt(LocalTime.of(12, 45))).isCloseTo(20_000, org.assertj.core.data.Offset.offset(1.0));
        assertThat(sun.illuminanceAt(LocalTime.of(18, 30))).isZero();
        assertThat(sun.illuminanceAt(LocalTime.of(8, 0))).isBetween(1.0, 5_000.0);
    }
}
