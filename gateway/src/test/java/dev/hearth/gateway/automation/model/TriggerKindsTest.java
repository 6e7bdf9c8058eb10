package dev.hearth.gateway.automation.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A trigger kind is one file plus its registration: a kind left out of {@link TriggerKinds} could never be read. */
class TriggerKindsTest {
    @Test
    void everyKindOfTriggerIsRegisteredOnceByItsOwnKind() throws Exception {
        List<TriggerKind> declared = new ArrayList<>();
        for (Class<?> kind : kinds(Trigger.class)) declared.add((TriggerKind) kind.getField("KIND").get(null));

        assertThat(TriggerKinds.ALL).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(TriggerKinds.NAMES).doesNotHaveDuplicates();
    }

    private static List<Class<?>> kinds(Class<?> sealed) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            // Not a kind of its own: a state or numeric trigger over a group (match: all), read with that kind.
            if (c == AllMembersTrigger.class) continue;
            if (c.isSealed()) out.addAll(kinds(c));
            else out.add(c);
        }
        return out;
    }
}
