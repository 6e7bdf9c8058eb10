package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.load.AutomationLoader.Waiting;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.Suggestions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What only all the automations read together can tell: ids used twice, {@code enable} of an automation that does not exist. */
final class LoadChecks {
    private LoadChecks() {
    }

    /** Ids are unique among the automations ready and those waiting for devices. */
    static void uniqueIds(List<Automation> all, List<Waiting> waiting, Problems problems) {
        Map<String, String> seen = new HashMap<>();
        List<Map.Entry<String, String>> ids = new ArrayList<>();
        all.forEach(a -> ids.add(Map.entry(a.id(), a.source())));
        waiting.forEach(w -> ids.add(Map.entry(w.automation(), w.source())));
        for (Map.Entry<String, String> a : ids) {
            String first = seen.putIfAbsent(a.getKey(), a.getValue());
            if (first != null) {
                int colon = a.getValue().lastIndexOf(':');
                problems.add(new ConfigProblem(a.getValue().substring(0, colon), Integer.parseInt(a.getValue().substring(colon + 1)), 1,
                        "duplicate automation id '" + a.getKey() + "' (first defined at " + first + ")"));
            }
        }
    }

    /** Problems go to the file's list: the map's own was read already. */
    static void enableRefs(List<Automation> all, List<Waiting> waiting, List<PartReader.EnableRef> refs, Problems problems) {
        Set<String> ids = all.stream().map(Automation::id).collect(Collectors.toCollection(java.util.HashSet::new));
        waiting.forEach(w -> ids.add(w.automation()));
        for (PartReader.EnableRef r : refs) {
            if (!ids.contains(r.automation())) {
                problems.add(r.at().file(), r.at().value(r.key()).orElse(r.at().node()),
                        "no automation '" + r.automation() + "'" + Suggestions.didYouMean(r.automation(), ids));
            }
        }
    }
}
