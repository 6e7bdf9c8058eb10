package dev.hearth.gateway.automation.trace;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.device.Value;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of a command step ({@code command hallway_light {brightness=200, state=ON}}), shared by the runs that sent
 * the same values. Traces wait in memory for their save (up to {@link AutomationRun#KEPT} per automation): at 6,000
 * runs a second that was 33,000 traces, ~11 MB of a 64 MB heap, a third of it these texts and the trigger's. A
 * command usually sends the same values every time, so its runs now hold one string, built once. The engine's
 * thread only.
 */
public final class StepTexts {
    /** Reloads replace the actions: forget them all past this many, rather than keep replaced ones. */
    private static final int MAX = 10_000;

    private record Last(Map<String, Value> set, String text) {
    }

    private final Map<Action.Command, Last> last = new IdentityHashMap<>();

    public String command(Action.Command command, Map<String, Value> set) {
        Last known = last.get(command);
        if (known != null && known.set.equals(set)) return known.text;
        if (last.size() >= MAX) last.clear();
        String text = "command " + command.device() + " " + new TreeMap<>(set);
        last.put(command, new Last(Map.copyOf(set), text));
        return text;
    }
}
