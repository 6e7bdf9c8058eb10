package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.TimeWindow;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.support.RepositoryHome;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.LongRange;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of duration and time-window parsing, and of the shipped thermostat's hysteresis. */
class ParsingAndHysteresisPropertiesTest {

    @Property(tries = 300)
    void aDurationWrittenInUnitsParsesToItsValueAndFormatsBack(@ForAll @IntRange(max = 300) int days, @ForAll @IntRange(max = 23) int hours,
                                                               @ForAll @IntRange(max = 59) int minutes, @ForAll @IntRange(max = 59) int seconds,
                                                               @ForAll @IntRange(max = 999) int millis) {
        Duration expected = Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusMillis(millis);
        String text = (days > 0 ? days + "d" : "") + (hours > 0 ? hours + "h" : "") + (minutes > 0 ? minutes + "m" : "")
                + (seconds > 0 ? seconds + "s" : "") + (millis > 0 ? millis + "ms" : "");
        if (text.isEmpty()) return;
        assertThat(Durations.parse(text)).contains(expected);
        assertThat(Durations.parse(Durations.format(expected))).contains(expected);
    }

    @Property(tries = 300)
    void garbageIsNeverADuration(@ForAll String text) {
        Optional<Duration> d = Durations.parse(text);
        d.ifPresent(x -> assertThat(text.strip()).matches("[0-9dhms:]+"));
    }

    @Property(tries = 1000)
    void aTimeWindowContainsExactlyTheMinutesBetweenItsEnds(@ForAll @IntRange(max = 1439) int afterMinute,
                                                            @ForAll @IntRange(max = 1439) int beforeMinute,
                                                            @ForAll @IntRange(max = 1439) int atMinute,
                                                            @ForAll @IntRange(min = 1, max = 7) int day) {
        LocalTime after = LocalTime.MIN.plusMinutes(afterMinute);
        LocalTime before = LocalTime.MIN.plusMinutes(beforeMinute);
        LocalDateTime at = LocalDate.of(2026, 6, day).atTime(LocalTime.MIN.plusMinutes(atMinute)); // 2026-06-01 is a Monday
        boolean expected = afterMinute == beforeMinute || (afterMinute < beforeMinute
                ? atMinute >= afterMinute && atMinute < beforeMinute
                : atMinute >= afterMinute || atMinute < beforeMinute);
        Set<DayOfWeek> all = EnumSet.allOf(DayOfWeek.class);
        assertThat(TimeWindow.contains(Optional.of(after), Optional.of(before), all, at)).isEqualTo(expected);

        // With one weekday, the part after midnight of a crossing window belongs to the day before.
        DayOfWeek only = DayOfWeek.of(day);
        boolean startedOnThatDay = afterMinute > beforeMinute && atMinute < beforeMinute
                ? at.getDayOfWeek().minus(1) == only : at.getDayOfWeek() == only;
        assertThat(TimeWindow.contains(Optional.of(after), Optional.of(before), Set.of(only), at)).isEqualTo(expected && startedOnThatDay);
    }

    /**
     * Whatever the temperature does, the shipped heating automations switch the thermostat at most once per crossing of
     * the band (from below 20.0 °C to above 21.0 °C or back), and never inside the band.
     */
    @Property(tries = 40)
    void theThermostatNeverTogglesMoreThanOncePerCrossing(
            @ForAll @Size(min = 5, max = 60) List<@DoubleRange(min = 18.5, max = 22.5) Double> readings,
            @ForAll @LongRange(min = 10, max = 600) long secondsBetween) {
        EngineHarness home = new EngineHarness().build(shippedHeating());
        home.echoCommands = true;
        home.set("living_window", "contact", true);
        home.set("living_thermostat", "system_mode", "off");
        home.set("living_temperature", "temperature", 20.5);
        home.engine.arm(List.of(), Map.of());
        home.advance(Duration.ofMinutes(10));
        int crossings = 0;
        Boolean cold = null;
        for (double raw : readings) {
            double t = Math.round(raw * 10) / 10.0;
            home.set("living_temperature", "temperature", t);
            home.advance(Duration.ofSeconds(secondsBetween));
            Boolean region = t < 20.0 ? Boolean.TRUE : t > 21.0 ? Boolean.FALSE : cold;
            if (region != null && !region.equals(cold)) crossings++;
            cold = region;
        }
        home.advance(Duration.ofMinutes(15));
        long toggles = home.commands.stream().filter(c -> c.set().containsKey("system_mode")).count();
        assertThat(toggles).isLessThanOrEqualTo(crossings);
    }

    private static List<Automation> shippedHeating() {
        try {
            GatewayConfig config = new ConfigLoader(Map.of()).load(RepositoryHome.root().resolve("config"));
            Problems problems = new Problems();
            List<Automation> heating = new AutomationLoader(config.devices())
                    .loadFile(RepositoryHome.root().resolve("automations/heating.yaml"), problems);
            assertThat(problems.list()).isEmpty();
            return heating;
        } catch (dev.hearth.gateway.yaml.ConfigException e) {
            throw new AssertionError(e);
        }
    }
}
