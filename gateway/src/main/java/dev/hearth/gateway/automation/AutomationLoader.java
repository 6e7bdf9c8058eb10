package dev.hearth.gateway.automation;

import dev.hearth.gateway.config.ConfigException;
import dev.hearth.gateway.config.ConfigProblem;
import dev.hearth.gateway.config.Problems;
import dev.hearth.gateway.config.YamlDocument;
import dev.hearth.gateway.config.YamlMap;
import dev.hearth.gateway.device.DeviceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every {@code *.yaml} file of the automations directory. Each automation is checked against the
 * configured devices; all problems are reported with file:line:column.
 */
public final class AutomationLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,64}");

    private final DeviceLookup devices;

    public AutomationLoader(Collection<DeviceSpec> devices) {
        this.devices = new DeviceLookup(devices);
    }

    public List<Automation> loadDirectory(Path dir) throws ConfigException {
        Problems problems = new Problems();
        List<Automation> all = new ArrayList<>();
        for (Path file : yamlFiles(dir, problems)) {
            YamlDocument.read(file, file.toString(), problems)
                    .ifPresent(root -> all.addAll(parseFile(file.toString(), root, problems)));
        }
        checkUniqueIds(all, problems);
        problems.throwIfAny();
        return all;
    }

    /** Parses one file's text; for tests and the {@code check} command. */
    public List<Automation> parse(String file, String text, Problems problems) {
        return YamlDocument.parse(text, file, problems).map(root -> parseFile(file, root, problems)).orElse(List.of());
    }

    private List<Automation> parseFile(String file, org.snakeyaml.engine.v2.nodes.Node root, Problems problems) {
        Optional<YamlMap> top = YamlMap.of(file, root, problems, "an automations file");
        if (top.isEmpty()) return List.of();
        if (!top.get().has("automations")) top.get().missing("automations");
        List<Automation> out = new ArrayList<>();
        for (YamlMap a : top.get().listOfMaps("automations")) automation(a).ifPresent(out::add);
        top.get().finish();
        return out;
    }

    private Optional<Automation> automation(YamlMap a) {
        Optional<String> id = a.requiredText("id");
        id.filter(i -> !ID.matcher(i).matches())
                .ifPresent(i -> a.problemAtKey("id", "automation id '" + i + "' must be lower-case letters, digits or underscores"));
        String description = a.text("description", "");
        boolean enabled = a.flag("enabled", true);
        PartReader parts = new PartReader(devices);
        List<Trigger> triggers = parts.each(a, "triggers", parts::trigger);
        if (!a.has("triggers")) a.missing("triggers");
        List<Condition> conditions = parts.each(a, "conditions", parts::condition);
        List<Action> actions = parts.each(a, "actions", parts::action);
        if (!a.has("actions")) a.missing("actions");
        a.finish();
        if (id.isEmpty() || triggers.isEmpty() || parts.failed()) return Optional.empty();
        String source = a.file() + ":" + a.node().getStartMark().map(m -> m.getLine() + 1).orElse(1);
        return Optional.of(new Automation(id.get(), description, enabled, triggers, conditions, actions, source));
    }

    private static void checkUniqueIds(List<Automation> all, Problems problems) {
        Map<String, String> seen = new HashMap<>();
        for (Automation a : all) {
            String first = seen.putIfAbsent(a.id(), a.source());
            if (first != null) {
                String[] at = a.source().split(":(?=\\d+$)");
                problems.add(new ConfigProblem(at[0], Integer.parseInt(at[1]), 1,
                        "duplicate automation id '" + a.id() + "' (first defined at " + first + ")"));
            }
        }
    }

    private static List<Path> yamlFiles(Path dir, Problems problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new ConfigProblem(dir.toString(), 1, 1, "automations directory not found"));
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            problems.add(new ConfigProblem(dir.toString(), 1, 1, "cannot list automations: " + e.getMessage()));
            return List.of();
        }
    }
}
