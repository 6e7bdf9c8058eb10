package dev.hearth.gateway.home;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.journal.AutomationStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Device values the database held at start, put back into the registry: those of known devices at once, those of a
 * device discovered later (its description comes with a retained message after the start) when it appears.
 * Plain Java, on the home's thread.
 */
final class RestoredStates {
    private final Map<DeviceId, List<AutomationStore.StoredState>> waiting = new HashMap<>();

    RestoredStates(List<AutomationStore.StoredState> states) {
        for (AutomationStore.StoredState st : states) {
            waiting.computeIfAbsent(new DeviceId(st.device()), id -> new ArrayList<>()).add(st);
        }
    }

    /** Restores the values of every device in {@code devices} that has some waiting; returns how many were restored. */
    int restore(DeviceRegistry registry, Collection<DeviceId> devices) {
        int n = 0;
        for (DeviceId id : devices) {
            List<AutomationStore.StoredState> states = waiting.remove(id);
            if (states == null) continue;
            for (AutomationStore.StoredState st : states) {
                if (registry.restore(id, st.attribute(), st.value(), st.lastChanged())) n++;
            }
        }
        return n;
    }
}
