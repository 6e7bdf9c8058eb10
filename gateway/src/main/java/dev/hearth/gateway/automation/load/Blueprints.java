package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The blueprints an automations directory offers: {@code blueprints/<name>.yaml}, read and checked, by name. */
public record Blueprints(Map<String, Blueprint> byName, List<ConfigProblem> problems) {
    static final String DIRECTORY = "blueprints";
    static final Blueprints NONE = new Blueprints(Map.of(), List.of());

    public Blueprints {
        byName = Map.copyOf(byName);
        problems = List.copyOf(problems);
    }

    /** Every blueprint under {@code automationsDir/blueprints}; none when there is no such folder. */
    static Blueprints read(Path automationsDir) {
        Path dir = automationsDir.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) return NONE;
        Problems problems = new Problems();
        Map<String, Blueprint> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(AutomationLoader::isAutomationFile).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                String text = Files.readString(f);
                YamlDocument.parse(text, f.toString(), problems)
                        .flatMap(root -> Blueprint.read(name, f.toString(), text, root, problems))
                        .ifPresent(b -> all.put(name, b));
            }
        } catch (IOException e) {
            problems.add(new ConfigProblem(dir.toString(), 1, 1, "cannot read blueprints: " + e.getMessage()));
        }
        return new Blueprints(all, problems.list());
    }

    /** Blueprints given as text (tests, {@code hearth check} of one file): name → file text. */
    static Blueprints of(Map<String, String> texts) {
        Problems problems = new Problems();
        Map<String, Blueprint> all = new LinkedHashMap<>();
        texts.forEach((name, text) -> YamlDocument.parse(text, DIRECTORY + "/" + name + ".yaml", problems)
                .flatMap(root -> Blueprint.read(name, DIRECTORY + "/" + name + ".yaml", text, root, problems))
                .ifPresent(b -> all.put(name, b)));
        return new Blueprints(all, problems.list());
    }

    Optional<Blueprint> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Set<String> names() {
        return byName.keySet();
    }
}
