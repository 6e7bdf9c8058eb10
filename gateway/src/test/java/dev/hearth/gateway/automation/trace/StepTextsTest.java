package dev.hearth.gateway.automation.trace;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Traces wait in memory for their save: runs that sent the same command hold one text, not one each. */
class StepTextsTest {
    private final Action.Command lightOn = new Action.Command(new DeviceId("hallway_light"),
            Map.of("state", Template.of(Value.of("ON")), "brightness", Template.of(Value.of(200))));
    private final StepTexts texts = new StepTexts();

    @Test
    void theSameValuesGiveTheSameTextOnce() {
        String first = texts.command(lightOn, sent("ON", 200));
        String second = texts.command(lightOn, sent("ON", 200));

        assertThat(first).isEqualTo("command hallway_light {brightness=200, state=ON}");
        assertThat(second).isSameAs(first);
    }

    @Test
    void otherValuesGetTheirOwnText() {
        texts.command(lightOn, sent("ON", 200));

        assertThat(texts.command(lightOn, sent("ON", 120))).isEqualTo("command hallway_light {brightness=120, state=ON}");
        assertThat(texts.command(lightOn, sent("ON", 200))).isEqualTo("command hallway_light {brightness=200, state=ON}");
    }

    private static Map<String, Value> sent(String state, double brightness) {
        Map<String, Value> set = new LinkedHashMap<>();
        set.put("state", Value.of(state));
        set.put("brightness", Value.of(brightness));
        return set;
    }
}
