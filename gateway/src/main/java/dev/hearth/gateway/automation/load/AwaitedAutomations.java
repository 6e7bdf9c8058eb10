package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Automations that name devices discovery has not brought yet. When devices appear, the files of those whose devices
 * are all known now are read again (as they were loaded) against the devices known now: the automations that check
 * out become {@linkplain Ready ready}, those that are wrong now that their devices are known are reported once, with
 * their position, and the rest keep waiting. Used on the home's thread only.
 */
public final class AwaitedAutomations {
    private final AutomationLoader loader;
    private final Map<String, List<AutomationLoader.Waiting>> byFile = new LinkedHashMap<>();
    private final Map<String, Set<String>> reported = new LinkedHashMap<>();

    /** {@code loader}: the gateway's loader; it is used over the devices known at each check. */
    public AwaitedAutomations(AutomationLoader loader) {
        this.loader = loader;
    }

    /** What a check found in one file: automations to add to those running, and problems not reported before. */
    public record Ready(String file, List<Automation> automations, List<ConfigProblem> problems) {
        public Ready {
            automations = List.copyOf(automations);
            problems = List.copyOf(problems);
        }
    }

    /** The automations of {@code file} that wait now (replacing what waited of it before: the file was reloaded). */
    public void await(String file, List<AutomationLoader.Waiting> waiting) {
        if (waiting.isEmpty()) byFile.remove(file);
        else byFile.put(file, List.copyOf(waiting));
        reported.remove(file);
    }

    /** Every automation still waiting, in file order. */
    public List<AutomationLoader.Waiting> waiting() {
        return byFile.values().stream().flatMap(List::stream).toList();
    }

    /** Checks again the files with an automation whose devices are all among {@code known} now. */
    public List<Ready> check(Collection<DeviceSpec> known) {
        Set<String> ids = known.stream().map(d -> d.id().value()).collect(Collectors.toSet());
        List<Ready> out = new ArrayList<>();
        for (String file : List.copyOf(byFile.keySet())) {
            if (byFile.get(file).stream().anyMatch(w -> ids.containsAll(w.devices()))) out.add(recheck(file, known));
        }
        return out;
    }

    private Ready recheck(String file, Collection<DeviceSpec> known) {
        List<AutomationLoader.Waiting> before = byFile.get(file);
        Set<String> waited = before.stream().map(AutomationLoader.Waiting::automation).collect(Collectors.toSet());
        Problems problems = new Problems();
        AutomationLoader.Loaded now = loader.withDevices(known).loadText(file, before.get(0).text(), problems);
        List<Automation> ready = now.automations().stream().filter(a -> waited.contains(a.id())).toList();
        List<AutomationLoader.Waiting> still = now.waiting().stream().filter(w -> waited.contains(w.automation())).toList();
        if (still.isEmpty()) byFile.remove(file);
        else byFile.put(file, still);
        Set<String> seen = reported.computeIfAbsent(file, f -> new HashSet<>());
        List<ConfigProblem> fresh = problems.list().stream().filter(p -> seen.add(p.toString())).toList();
        return new Ready(file, ready, fresh);
    }
}
