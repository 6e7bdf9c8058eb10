package dev.hearth.gateway.web;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The automations directory as the editor sees it: files by plain name only (no path leaves the directory), a check
 * that is the loader's own (file:line:column, the devices known now, ids used by other files), and an atomic save
 * that keeps the previous version as {@code <name>.bak}, which the loader ignores. Blocking: call off the event loop.
 */
final class AutomationFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}\\.ya?ml");

    private final Path dir;
    private final Set<String> notifyServices;

    /** {@code notifyServices}: the services in gateway.yaml, so the check knows them as the reloader does. */
    AutomationFiles(Path dir, Set<String> notifyServices) {
        this.notifyServices = Set.copyOf(notifyServices);
        this.dir = dir;
    }

    /** The names of the automation files, sorted. */
    List<String> names() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(AutomationLoader::isAutomationFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    Optional<String> read(String name) throws IOException {
        Path file = file(name);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /**
     * The problems the gateway would refuse this text for, as the reload would find them: the loader's, and an id that
     * an automation of another file already uses (from {@code running}).
     */
    List<ConfigProblem> check(String name, String text, Collection<DeviceSpec> devices, List<AutomationQuery.Info> running) {
        Path file = file(name);
        Problems problems = new Problems();
        List<Automation> parsed = new AutomationLoader(devices, notifyServices).withBlueprintsOf(dir).parse(name, text, problems);
        List<ConfigProblem> out = new ArrayList<>(problems.list());
        for (Automation a : parsed) {
            running.stream().filter(r -> r.id().equals(a.id()) && !sameFile(r.source(), file)).findFirst().ifPresent(other ->
                    out.add(new ConfigProblem(name, line(a.source()), 1, "automation id '" + a.id() + "' is already defined in " + other.source())));
        }
        return out;
    }

    /**
     * Writes {@code text} in place of the file: to a temporary file first, the previous version copied to
     * {@code <name>.bak}, then moved over it in one step, so the reload never reads half a file.
     */
    void save(String name, String text) throws IOException {
        Path file = file(name);
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + name + ".saving");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        if (Files.exists(file)) Files.copy(file, backup(name), StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    Path backup(String name) {
        return dir.resolve(name + ".bak");
    }

    /** The file of that name in the directory; anything else (a path, a dot file, not YAML) is refused. */
    Path file(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiError.badRequest("an automation file is named like hallway.yaml (letters, digits, _ . -), got '" + name + "'");
        }
        return dir.resolve(name);
    }

    private boolean sameFile(String source, Path file) {
        int colon = source.lastIndexOf(':');
        Path other = Path.of(colon < 0 ? source : source.substring(0, colon));
        return other.getFileName() != null && other.getFileName().equals(file.getFileName());
    }

    private static int line(String source) {
        try {
            return Integer.parseInt(source.substring(source.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
