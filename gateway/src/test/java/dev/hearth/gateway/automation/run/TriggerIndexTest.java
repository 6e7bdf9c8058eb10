package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.TimeTrigger;
import dev.hearth.gateway.automation.model.Trigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Traces wait in memory for their save: every trace of a trigger holds one description, made once. */
class TriggerIndexTest {
    @Test
    void aTriggerIsDescribedOnceForAllItsTraces() {
        Trigger trigger = new TimeTrigger(java.time.LocalTime.of(7, 30), java.util.EnumSet.allOf(java.time.DayOfWeek.class));
        TriggerIndex.Armed armed = new TriggerIndex.Armed(null, 0, trigger);

        assertThat(armed.description()).isEqualTo(trigger.describe()).isEqualTo("time 07:30");
    }
}
