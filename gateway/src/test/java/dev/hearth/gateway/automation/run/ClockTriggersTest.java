package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.GatewayTrigger;
import dev.hearth.gateway.device.Availability;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Clock, MQTT, availability and gateway triggers on virtual time, including daylight-saving days. */
class ClockTriggersTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static String daily(String at) {
        return """
                automations:
                  - id: nightly
                    triggers: [ { trigger: time, at: "%s" } ]
                    actions: [ { command: { device: lamp, set: { state: "OFF" } } } ]
                """.formatted(at);
    }

    @Test
    void aDaily0230JobRunsOnceOnEachDayAcrossBothDaylightSavingChanges() {
        // 2026-03-29 02:00 → 03:00 (02:30 does not exist); 2026-10-25 03:00 → 02:00 (02:30 happens twice).
        EngineHarness spring = new EngineHarness(Instant.parse("2026-03-27T12:00:00Z"), BERLIN).load(daily("02:30"));
        spring.advance(Duration.ofDays(3));
        assertThat(spring.runs).extracting(r -> r.at().atZone(BERLIN).toLocalDateTime().toString())
                .containsExactly("2026-03-28T02:30", "2026-03-29T03:30", "2026-03-30T02:30");

        EngineHarness autumn = new EngineHarness(Instant.parse("2026-10-23T12:00:00Z"), BERLIN).load(daily("02:30"));
        autumn.advance(Duration.ofDays(3));
        assertThat(autumn.runs).extracting(r -> r.at().toString())
                .containsExactly("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z");
    }

    @Test
    void aDailyCronAt0230RunsOnceOnEachDayAcrossBothDaylightSavingChangesAsTimeDoes() {
        String cron = """
                automations:
                  - id: nightly
                    triggers: [ { trigger: cron, cron: "30 2 * * *" } ]
                    actions: [ { command: { device: lamp, set: { state: "OFF" } } } ]
                """;
        EngineHarness spring = new EngineHarness(Instant.parse("2026-03-27T12:00:00Z"), BERLIN).load(cron);
        spring.advance(Duration.ofDays(3));
        assertThat(spring.runs).extracting(r -> r.at().atZone(BERLIN).toLocalDateTime().toString())
                .containsExactly("2026-03-28T02:30", "2026-03-29T03:30", "2026-03-30T02:30");

        EngineHarness autumn = new EngineHarness(Instant.parse("2026-10-23T12:00:00Z"), BERLIN).load(cron);
        autumn.advance(Duration.ofDays(3));
        assertThat(autumn.runs).extracting(r -> r.at().toString())
                .containsExactly("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z");
    }

    @Test
    void aQuarterHourlyCronRunsByRealTimeThroughBothDaylightSavingChanges() {
        String cron = """
                automations:
                  - id: quarterly
                    triggers: [ { trigger: cron, cron: "*/15 * * * *" } ]
                    actions: [ { log: tick } ]
                """;
        EngineHarness spring = new EngineHarness(Instant.parse("2026-03-29T00:00:00Z"), BERLIN).load(cron);
        spring.advance(Duration.ofHours(2));
        assertThat(spring.runs).as("every 15 minutes of real time, the skipped hour too").hasSize(8);

        EngineHarness autumn = new EngineHarness(Instant.parse("2026-10-24T23:00:00Z"), BERLIN).load(cron);
        autumn.advance(Duration.ofHours(3));
        assertThat(autumn.runs).as("every 15 minutes of real time, the repeated hour too").hasSize(12);
    }

    @Test
    void weekdaysCronIntervalAndSunTriggersFireAtTheirMoments() {
        EngineHarness home = new EngineHarness(Instant.parse("2026-06-01T00:00:00Z"), BERLIN).load("""
                automations:
                  - id: weekday_morning
                    triggers: [ { trigger: time, at: "07:00", weekdays: [sat, sun] } ]
                    actions: [ { log: weekend } ]
                  - id: cron_quarter
                    triggers: [ { trigger: cron, cron: "15 12 * * 3" } ]
                    actions: [ { log: wednesday } ]
                  - id: every_8h
                    triggers: [ { trigger: interval, every: 8h } ]
                    actions: [ { log: tick } ]
                  - id: dusk
                    triggers: [ { trigger: sun, event: sunset, offset: -30m } ]
                    actions: [ { log: dusk } ]
                """);
        home.advance(Duration.ofDays(7));
        Map<String, List<String>> at = new java.util.TreeMap<>();
        home.runs.forEach(r -> at.computeIfAbsent(r.automation(), k -> new java.util.ArrayList<>())
                .add(r.at().atZone(BERLIN).toLocalDateTime().toString()));
        assertThat(at.get("weekday_morning")).containsExactly("2026-06-06T07:00", "2026-06-07T07:00");
        assertThat(at.get("cron_quarter")).containsExactly("2026-06-03T12:15");
        assertThat(at.get("every_8h")).hasSize(21);
        // Berlin sunsets in early June are at about 21:20 local time.
        assertThat(at.get("dusk")).hasSize(7).allSatisfy(t -> assertThat(t).matches("2026-06-0\\dT20:[45]\\d.*"));
    }

    @Test
    void missedScheduleIsSkippedOrRunWithinItsGrace() {
        String yaml = """
                automations:
                  - id: skipper
                    triggers: [ { trigger: time, at: "07:00" } ]
                    actions: [ { log: skip } ]
                  - id: runner
                    on_missed: run
                    grace: 2h
                    triggers: [ { trigger: time, at: "07:00" } ]
                    actions: [ { log: late } ]
                  - id: too_late
                    on_missed: run
                    grace: 30m
                    triggers: [ { trigger: time, at: "07:00" } ]
                    actions: [ { log: never } ]
                """;
        EngineHarness home = new EngineHarness(Instant.parse("2026-06-01T08:00:00Z"), ZoneId.of("UTC"));
        home.build(EngineHarness.parse(yaml));
        Instant wentDown = Instant.parse("2026-06-01T06:00:00Z");
        home.engine.arm(List.of(), Map.of("skipper#0", wentDown, "runner#0", wentDown, "too_late#0", wentDown));
        assertThat(home.runs).extracting(r -> r.automation() + " " + r.outcome())
                .containsExactlyInAnyOrder("skipper MISSED", "runner RAN", "too_late MISSED");
        assertThat(home.runs).filteredOn(r -> r.automation().equals("too_late")).singleElement()
                .satisfies(r -> assertThat(r.details().get(0)).contains("later than the grace"));
    }

    @Test
    void mqttAvailabilityAndGatewayTriggers() {
        EngineHarness home = new EngineHarness().load("""
                automations:
                  - id: button
                    triggers: [ { trigger: mqtt, topic: "garden/+/button", payload: press } ]
                    actions: [ { publish: { topic: "garden/echo", payload: "${trigger.topic}" } } ]
                  - id: sensor_lost
                    triggers: [ { trigger: availability, device: thermo, to: offline, for: 5m } ]
                    actions: [ { command: { device: heater, set: { system_mode: "off" } } } ]
                  - id: link_back
                    triggers: [ { trigger: gateway, event: connection_restored } ]
                    actions: [ { log: back } ]
                """);
        home.engine.onMqtt("garden/north/button", "press".getBytes(StandardCharsets.UTF_8));
        home.engine.onMqtt("garden/north/button", "hold".getBytes(StandardCharsets.UTF_8));
        home.engine.onMqtt("garden/north/other", "press".getBytes(StandardCharsets.UTF_8));
        assertThat(home.publications).singleElement()
                .satisfies(p -> assertThat(new String(p.payload(), StandardCharsets.UTF_8)).isEqualTo("garden/north/button"));

        home.available("thermo", Availability.ONLINE);
        home.available("thermo", Availability.OFFLINE);
        home.advance(Duration.ofMinutes(4));
        home.available("thermo", Availability.ONLINE);
        home.advance(Duration.ofMinutes(10));
        assertThat(home.commands).isEmpty();
        home.available("thermo", Availability.OFFLINE);
        home.advance(Duration.ofMinutes(5));
        assertThat(home.commandTexts()).containsExactly("heater {system_mode=off}");

        home.engine.onGatewayEvent(GatewayTrigger.Event.CONNECTION_RESTORED);
        assertThat(home.runs).filteredOn(r -> r.automation().equals("link_back")).hasSize(1);
    }

    @Test
    void silentFiresWhenADeviceSendsNothingAndAStateConditionCanRequireTimeHeld() {
        EngineHarness home = new EngineHarness().load("""
                automations:
                  - id: sensor_silent
                    triggers: [ { trigger: silent, device: thermo, for: 30m } ]
                    conditions: [ { condition: state, device: heater, attribute: system_mode, is: heat, for: 10m } ]
                    actions: [ { command: { device: heater, set: { system_mode: "off" } } } ]
                """);
        home.set("heater", "system_mode", "heat");
        home.advance(Duration.ofMinutes(20));
        home.set("thermo", "temperature", 20); // heard: the 30 minutes start again
        home.advance(Duration.ofMinutes(29));
        assertThat(home.commands).isEmpty();
        home.advance(Duration.ofMinutes(1));
        assertThat(home.commandTexts()).containsExactly("heater {system_mode=off}");
        assertThat(home.lastRun().details().get(0)).contains("heater.system_mode is heat (was heat) for 10m (for 50m)");
    }
}
