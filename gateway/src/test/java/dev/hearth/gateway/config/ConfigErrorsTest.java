package dev.hearth.gateway.config;

import dev.hearth.gateway.Main;
import dev.hearth.gateway.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every class of configuration mistake stops the gateway with exit status 2 and a file:line:column message. */
class ConfigErrorsTest {
    private static final String GATEWAY = TestHome.externalBroker("tcp://127.0.0.1:1", "30s");

    @TempDir
    Path dir;

    record Outcome(int status, String err) {
    }

    private Outcome run(String command, String gateway, String devices, String automations) throws IOException {
        Files.createDirectories(dir.resolve("automations"));
        Files.writeString(dir.resolve("gateway.yaml"), gateway);
        Files.writeString(dir.resolve("devices.yaml"), devices);
        Files.writeString(dir.resolve("automations/test.yaml"), automations);
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[]{command, "-c", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err), Map.of());
        return new Outcome(status, err.toString());
    }

    private Outcome devices(String devices) throws IOException {
        return run("run", GATEWAY, devices, TestHome.HALLWAY_AUTOMATIONS);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void validConfigurationPassesCheck() throws IOException {
        Outcome o = run("check", GATEWAY, TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS);
        assertThat(o.err()).isEmpty();
        assertThat(o.status()).isZero();
    }

    @Test
    void groupMistakesInDevicesYamlAndInAutomationsAreReportedByCheckWithTheirPositions() throws IOException {
        Outcome bad = run("check", GATEWAY, TestHome.DEVICES + """
                groups:
                  hallway_light: [hallway_motion]
                  lights: [hallway_light, hallway_light, Lamp]
                """, TestHome.HALLWAY_AUTOMATIONS);
        assertThat(bad.status()).isEqualTo(Main.CONFIG_ERROR);
        int line = (int) TestHome.DEVICES.lines().count() + 2;
        assertThat(bad.err()).contains(
                file("devices.yaml") + ":" + line + ":3: group 'hallway_light' has the name of a device; give it another",
                file("devices.yaml") + ":" + (line + 1) + ":11: member 'hallway_light' is named twice",
                file("devices.yaml") + ":" + (line + 1) + ":11: member 'Lamp' is not a device id");

        Outcome wrongUse = run("check", GATEWAY, TestHome.DEVICES + "groups:\n  lights: [hallway_light]\n", """
                automations:
                  - id: dim
                    triggers: [ { trigger: state, device: lights, attribute: state, to: "ON", match: every } ]
                    actions: [ { command: { device: hallway_light, room: hallway, set: { state: "ON" } } } ]
                """);
        assertThat(wrongUse.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(wrongUse.err()).contains(
                file("automations/test.yaml") + ":3:86: 'match' must be one of any, all, got 'every'",
                file("automations/test.yaml") + ":4:29: a command goes to one device, or to a room, kind or group: not both");
    }

    @Test
    void unknownKeyIsReportedWithPositionAndSuggestion() throws IOException {
        Outcome o = devices(TestHome.DEVICES.replace("    room: hallway\n    state_topic: zigbee2mqtt/hallway_motion",
                "    room: hallway\n    stat_topic: zigbee2mqtt/x\n    state_topic: zigbee2mqtt/hallway_motion"));
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(o.err()).contains(file("devices.yaml") + ":5:5: unknown key 'stat_topic' (did you mean 'state_topic'?)");
    }

    @Test
    void wrongTypeSaysWhatWasExpected() throws IOException {
        Outcome o = run("run", GATEWAY.replace("max_payload_bytes: 4096", "max_payload_bytes: lots"),
                TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS);
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(o.err()).contains(file("gateway.yaml") + ":5:22: 'max_payload_bytes' must be a whole number from 64 to 16777216, got 'lots'");
    }

    @Test
    void runawayLimitIsReadAndAnImpossibleOneRefused(@org.junit.jupiter.api.io.TempDir Path other) throws IOException {
        String limited = GATEWAY.stripTrailing() + "\nautomation:\n  max_runs_per_second: ";
        assertThat(TestHome.writeAndLoad(other, limited + "5\n", TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS)
                .automation().maxRunsPerSecond()).isEqualTo(5);
        Outcome o = run("check", limited + "0\n", TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS);
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        long line = limited.lines().count();
        assertThat(o.err()).contains(file("gateway.yaml") + ":" + line + ":24: 'max_runs_per_second' must be a whole number from 1 to 10000, got '0'");
    }

    @Test
    void watchdogTimesAreReadAndImpossibleOnesRefusedAtTheirPositions(@org.junit.jupiter.api.io.TempDir Path other) throws IOException {
        String watched = GATEWAY.stripTrailing() + "\nwatchdog:\n  stall_after: ";
        assertThat(TestHome.writeAndLoad(other, watched + "3s\n  exit_after: 20s\n", TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS)
                .watchdog()).satisfies(w -> {
                    assertThat(w.stallAfter()).hasSeconds(3);
                    assertThat(w.exitAfter()).hasSeconds(20);
                });
        Outcome o = run("check", watched + "1s\n  exit_after: 1s\n", TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS);
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        long line = watched.lines().count();
        assertThat(o.err()).contains(file("gateway.yaml") + ":" + line + ":3: 'stall_after' must be at least 2s",
                file("gateway.yaml") + ":" + (line + 1) + ":3: 'exit_after' must be at least 'stall_after' (10s)");
    }

    @Test
    void missingFieldIsReportedAtItsMapping() throws IOException {
        Outcome o = devices("devices:\n  - id: lamp\n    kind: light\n");
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(o.err()).contains(file("devices.yaml") + ":2:5: missing required key 'state_topic'");
    }

    @Test
    void duplicateDeviceIdNamesTheFirstDefinition() throws IOException {
        Outcome o = devices(TestHome.DEVICES + "  - id: hallway_light\n    kind: light\n    state_topic: zigbee2mqtt/other\n");
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(o.err()).contains(file("devices.yaml") + ":17:5: duplicate device id 'hallway_light' (first defined at line 6)");
    }

    @Test
    void duplicateYamlKeyIsAnError() throws IOException {
        Outcome o = devices("devices:\n  - id: lamp\n    kind: light\n    kind: switch\n    state_topic: z/lamp\n");
        assertThat(o.err()).contains(file("devices.yaml") + ":4:5: duplicate key 'kind'");
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
    }

    @Test
    void commandTopicOnReadOnlyDeviceIsRefused() throws IOException {
        Outcome o = devices("devices:\n  - id: pir\n    kind: motion_sensor\n    state_topic: z/pir\n    command_topic: z/pir/set\n");
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(o.err()).contains(file("devices.yaml") + ":5:5: a motion_sensor has only read-only attributes");
    }

    @Test
    void automationCommandingASensorIsRefused() throws IOException {
        Outcome o = run("check", GATEWAY, TestHome.DEVICES, """
                automations:
                  - id: silly
                    triggers:
                      - { trigger: state, device: hallway_light, attribute: state, to: "ON" }
                    actions:
                      - command: { device: hallway_motion, set: { occupancy: true } }
                """);
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(o.err()).contains(file("automations/test.yaml") + ":6:44: hallway_motion is a motion_sensor and accepts no commands");
    }

    @Test
    void retainedCommandsAreRefused() throws IOException {
        Outcome o = devices("devices:\n  - id: lamp\n    kind: light\n    state_topic: z/lamp\n    command_retain: true\n");
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(o.err()).contains(file("devices.yaml") + ":5:5: commands are never published retained");
    }

    @Test
    void uplinkForwardFromMustBeAValidTopicFilter() throws IOException {
        String gateway = GATEWAY + """
                uplink:
                  url: tcp://127.0.0.1:1884
                  forward:
                    - { from: "zigbee2mqtt/temp_+", to: "homes/test/{topic}" }
                """;
        Outcome o = run("check", gateway, TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS);
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        int line = (int) gateway.lines().takeWhile(l -> !l.contains("temp_+")).count() + 1;
        assertThat(o.err()).contains(file("gateway.yaml") + ":" + line + ":9: 'from' is not a valid MQTT topic filter: '+' must be a whole level");
    }

    @Test
    void inlinePasswordIsRefusedAndMissingEnvironmentVariableNamed() throws IOException {
        Outcome o = run("run", GATEWAY.replace("  keep_alive:", "  username: u\n  password: hunter2\n  password_env: NOPE_NOT_SET\n  keep_alive:"),
                TestHome.DEVICES, TestHome.HALLWAY_AUTOMATIONS);
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(o.err()).contains(file("gateway.yaml") + ":11:3: write no password inline")
                .contains(file("gateway.yaml") + ":12:3: environment variable NOPE_NOT_SET is not set")
                .doesNotContain("hunter2");
    }

    @Test
    void syntaxErrorIsLocated() throws IOException {
        Outcome o = devices("devices:\n  - id: lamp\n    kind: [light\n");
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(o.err()).containsPattern(java.util.regex.Pattern.quote(file("devices.yaml")) + ":4:1: YAML syntax error");
    }

    @Test
    void automationErrorsAreLocatedAndAllReportedAtOnce() throws IOException {
        Outcome o = run("check", GATEWAY, TestHome.DEVICES, """
                automations:
                  - id: typos
                    triggers:
                      - trigger: state
                        device: halway_motion
                        attribute: occupancy
                      - trigger: numeric
                        device: living_temperature
                        attribute: temperature
                        below: 18
                        for: 10 minutes
                    actions:
                      - command: { device: hallway_light, set: { state: "DIM" } }
                """);
        assertThat(o.status()).isEqualTo(Main.CONFIG_ERROR);
        String f = file("automations/test.yaml");
        assertThat(o.err())
                .contains(f + ":5:17: unknown device 'halway_motion' (did you mean 'hallway_motion'?)")
                .contains(f + ":11:14: 'for' must be a duration such as 90s, 5m, 1h30m or 500ms, got '10 minutes'")
                .contains(f + ":13:57: 'state' must be one of ON, OFF, got 'DIM'")
                .contains("3 problems found; nothing was started.");
    }

    @Test
    void missingFilesAreReported() {
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[]{"check", "-c", dir.resolve("nowhere").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of());
        assertThat(status).isEqualTo(Main.CONFIG_ERROR);
        assertThat(err.toString()).contains(dir.resolve("nowhere/gateway.yaml") + ":1:1: file not found");
    }
}
