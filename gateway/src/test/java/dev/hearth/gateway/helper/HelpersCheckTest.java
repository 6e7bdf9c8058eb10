package dev.hearth.gateway.helper;

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

/** {@code hearth check} on helpers.yaml, people.yaml and automations that set helpers: every mistake with its position. */
class HelpersCheckTest {
    private static final String GATEWAY = TestHome.externalBroker("tcp://127.0.0.1:1", "30s");
    private static final String HELPERS = """
            helpers:
              guest_mode: { type: boolean }
              target: { type: number, min: 15, max: 25, step: 0.5 }
              tea: { type: timer, duration: 4m }
              visitors: { type: counter }
              house_mode: { type: select, options: [home, away, night] }
            """;
    private static final String PEOPLE = """
            persons:
              alice: { name: Alice, owntracks: owntracks/alice/phone }
              bob: { topic: presence/bob }
            """;

    @TempDir
    Path dir;

    private String check(String helpers, String people, String automations) throws IOException {
        Files.createDirectories(dir.resolve("automations"));
        Files.writeString(dir.resolve("gateway.yaml"), GATEWAY);
        Files.writeString(dir.resolve("devices.yaml"), TestHome.DEVICES);
        Files.writeString(dir.resolve("helpers.yaml"), helpers);
        Files.writeString(dir.resolve("people.yaml"), people);
        Files.writeString(dir.resolve("automations/test.yaml"), automations);
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[]{"check", "-c", dir.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err), Map.of());
        assertThat(status).as(err.toString()).isEqualTo(err.toString().isEmpty() ? 0 : Main.CONFIG_ERROR);
        return err.toString();
    }

    @Test
    void helpersPeopleAndTheirAutomationsPassCheck() throws IOException {
        assertThat(check(HELPERS, PEOPLE, """
                automations:
                  - id: everyone_left
                    triggers: [ { trigger: state, device: people, attribute: state, to: not_home } ]
                    conditions: [ { condition: state, device: guest_mode, attribute: state, is: false } ]
                    actions:
                      - set_helper: { helper: house_mode, value: away }
                      - set_helper: { helper: tea, action: start, duration: 90s }
                      - set_helper: { helper: visitors, action: reset }
                      - set_helper: { helper: target, value: "${target.state - 2.0}" }
                """)).isEmpty();
    }

    @Test
    void mistakesInHelpersYamlAreReportedWithTheirPositions() throws IOException {
        String err = check("""
                helpers:
                  hallway_light: { type: boolean }
                  target: { type: number, min: 25, max: 15 }
                  mode: { type: selct, options: [a] }
                  tea: { type: timer, duration: 10 minutes }
                  Bad: { type: text }
                """, PEOPLE, TestHome.HALLWAY_AUTOMATIONS);
        String file = dir.resolve("helpers.yaml").toString();
        assertThat(err).contains(file + ":2:3: helper id 'hallway_light' is already the id of a device",
                file + ":3:11: 'min' must be less than 'max'",
                file + ":4:17: 'type' must be one of boolean, number, select, text, timer, counter, got 'selct' (did you mean 'select'?)",
                file + ":5:33: 'duration' must be a duration such as 90s",
                file + ":6:3: helper id 'Bad' must be 1-64 lower-case letters, digits or underscores", "5 problems found");
    }

    @Test
    void mistakesInPeopleYamlAreReportedWithTheirPositions() throws IOException {
        String err = check(HELPERS, """
                persons:
                  people: { topic: x/y }
                  alice: { owntracks: "owntracks/+/phone" }
                  bob: { name: Bob }
                  guest_mode: { topic: a/b }
                """, TestHome.HALLWAY_AUTOMATIONS);
        String file = dir.resolve("people.yaml").toString();
        assertThat(err).contains(file + ":2:3: 'people' is the entry for everyone together",
                file + ":3:23: 'owntracks' must be a concrete topic",
                file + ":4:8: person 'bob' needs 'owntracks'",
                file + ":5:3: person id 'guest_mode' is already the id of a device or helper");
    }

    @Test
    void setHelperIsCheckedAgainstTheHelperAtLoad() throws IOException {
        String err = check(HELPERS, PEOPLE, """
                automations:
                  - id: wrong
                    triggers: [ { trigger: state, device: guest_mode, attribute: state, to: true } ]
                    actions:
                      - set_helper: { helper: guest_mod, value: true }
                      - set_helper: { helper: tea, value: 5 }
                      - set_helper: { helper: target, value: 40 }
                      - set_helper: { helper: visitors, action: start }
                      - set_helper: { helper: hallway_light, value: true }
                      - set_helper: { helper: house_mode, value: home, action: reset }
                      - command: { device: guest_mode, set: { state: true } }
                """);
        String file = dir.resolve("automations/test.yaml").toString();
        assertThat(err).contains(file + ":5:31: unknown helper 'guest_mod' (did you mean 'guest_mode'?)",
                file + ":6:36: tea takes no 'value' (it is a timer: use 'action')",
                file + ":7:46: 'value' (a value of state) must be a number from 15 to 25, got '40.0'",
                file + ":8:49: 'action' must be one of increment, decrement, reset, got 'start'",
                file + ":9:31: hallway_light is a light, not a helper; use 'command' for devices",
                file + ":10:21: 'set_helper' needs exactly one of 'value' or 'action'",
                file + ":11:28: guest_mode is a helper: set it with 'set_helper'", "7 problems found");
    }
}
