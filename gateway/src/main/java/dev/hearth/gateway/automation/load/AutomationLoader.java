package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.ExprScope;
import dev.hearth.gateway.yaml.ConfigException;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlDocument;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.device.DeviceGroups;
import dev.hearth.gateway.device.DeviceSpec;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads every {@code *.yaml} file of the automations directory. Each automation is checked against the
 * configured devices, expressions are compiled, and all problems are reported with file:line:column.
 */
public final class AutomationLoader {
    private final DeviceLookup devices;
    private final Set<String> notifyServices;
    private final AutomationReader reader;
    /** For {@link #parse}: the blueprints its text may use (a directory's own are read with it). */
    private final Blueprints blueprints;

    /** A loader for a home without notify services (tests, tools). */
    public AutomationLoader(Collection<DeviceSpec> devices) {
        this(devices, Set.of());
    }

    /** {@code notifyServices}: the names under {@code notify:} in gateway.yaml, which {@code notify} actions may use. */
    public AutomationLoader(Collection<DeviceSpec> devices, Set<String> notifyServices) {
        this(devices, notifyServices, false);
    }

    /**
     * {@code awaitUnknownDevices}: discovery may bring devices the configuration does not name, so an automation naming
     * one waits for it ({@link Loaded#waiting()}) with a warning, instead of being an error.
     */
    public AutomationLoader(Collection<DeviceSpec> devices, Set<String> notifyServices, boolean awaitUnknownDevices) {
        this(new DeviceLookup(devices, awaitUnknownDevices), Set.copyOf(notifyServices), Blueprints.NONE);
    }

    private AutomationLoader(DeviceLookup devices, Set<String> notifyServices, Blueprints blueprints) {
        this.devices = devices;
        this.notifyServices = notifyServices;
        this.reader = new AutomationReader(new ExprScope(this.devices.all(), List.of(Action.Wait.TIMED_OUT)), notifyServices);
        this.blueprints = blueprints;
    }

    /** The same loader, with blueprints (name → file text) for {@link #parse}: tests and single files. */
    public AutomationLoader withBlueprints(Map<String, String> texts) {
        return new AutomationLoader(devices, notifyServices, Blueprints.of(texts));
    }

    /** The same loader, with the {@code groups:} of devices.yaml, which automations may name wherever a device. */
    public AutomationLoader withGroups(DeviceGroups groups) {
        return new AutomationLoader(devices.withGroups(groups), notifyServices, blueprints);
    }

    /** The same loader, with the blueprints of an automations directory for {@link #parse} (the editor's check). */
    public AutomationLoader withBlueprintsOf(Path automationsDir) {
        return new AutomationLoader(devices, notifyServices, Blueprints.read(automationsDir));
    }

    /** The same loader over other devices (those known now, once some were discovered). */
    public AutomationLoader withDevices(Collection<DeviceSpec> now) {
        return new AutomationLoader(devices.over(now), notifyServices, blueprints);
    }

    /** The automations ready to run, those waiting for devices not discovered yet, and where those devices are named. */
    public record Loaded(List<Automation> automations, List<Waiting> waiting) {
        public Loaded {
            automations = List.copyOf(automations);
            waiting = List.copyOf(waiting);
        }

        /** Where the devices the waiting automations wait for are named, each place once (a blueprint's use names them all). */
        public List<ConfigProblem> warnings() {
            return waiting.stream().flatMap(w -> w.warnings().stream()).distinct().toList();
        }
    }

    /**
     * An automation that names devices not known yet: its file's text as loaded, so that it is checked again, and
     * becomes effective, when they appear ({@link AwaitedAutomations}).
     */
    public record Waiting(String automation, String description, String source, String file, String text, List<String> devices,
                          List<ConfigProblem> warnings) {
        public Waiting {
            devices = List.copyOf(devices);
            warnings = List.copyOf(warnings);
        }

        /** The warnings as problems: an edit that would make a running automation wait is refused (likely a typo). */
        public List<ConfigProblem> asProblems() {
            return warnings.stream().map(w -> new ConfigProblem(w.file(), w.line(), w.column(), w.message().replace(DeviceLookup.WAITS,
                    ": an automation that runs now names it, and its previous version keeps running"))).toList();
        }
    }

    /** What the files read so far hold. */
    private static final class Collected {
        final List<Automation> all = new ArrayList<>();
        final List<Waiting> waiting = new ArrayList<>();

        Loaded loaded() {
            return new Loaded(all, waiting);
        }
    }

    /** Devices named in a blueprint are reported where it is used (the device is one of the inputs), once each. */
    private static List<ConfigProblem> atUse(List<ConfigProblem> inBlueprint, Origin origin) {
        int colon = origin.source().lastIndexOf(':');
        String file = origin.source().substring(0, colon);
        int line = Integer.parseInt(origin.source().substring(colon + 1));
        return inBlueprint.stream().map(w -> new ConfigProblem(file, line, 1,
                w.message().replace(DeviceLookup.WAITS, " (an input of its blueprint)" + DeviceLookup.WAITS))).distinct().toList();
    }

    /** An automations file's name and text, which a waiting automation is read again from. */
    private record Text(String file, String text) {
    }

    /** Where an automation comes from: {@code file:line} and the digest of its text (see {@link Automation}). */
    record Origin(String source, String fingerprint) {
    }

    public List<Automation> loadDirectory(Path dir) throws ConfigException {
        return load(Sources.read(dir));
    }

    /** Every automation of a directory, ready or waiting for devices; all problems reported. */
    public Loaded loadDirectoryAwaiting(Path dir) throws ConfigException {
        return loadAll(Sources.read(dir));
    }

    /** The automations of files already read and parsed ({@link Sources#read}): checked, compiled, all problems reported. */
    public List<Automation> load(Sources sources) throws ConfigException {
        return loadAll(sources).automations();
    }

    /** Like {@link #load}, with the automations that wait for devices discovery may still bring. */
    public Loaded loadAll(Sources sources) throws ConfigException {
        Problems problems = new Problems();
        sources.problems().forEach(problems::add);
        sources.blueprints().problems().forEach(problems::add);
        Collected out = new Collected();
        List<PartReader.EnableRef> refs = new ArrayList<>();
        for (Source source : sources.files()) automations(source, sources.blueprints(), problems, refs, out);
        LoadChecks.uniqueIds(out.all, out.waiting, problems);
        LoadChecks.enableRefs(out.all, out.waiting, refs, problems);
        problems.throwIfAny();
        return out.loaded();
    }

    /** One automations file, read and parsed into YAML nodes with positions, or empty with its problems. */
    public record Source(String file, String text, Optional<Node> root, List<ConfigProblem> problems) {
        static Source read(Path path) {
            Problems problems = new Problems();
            String file = path.toString();
            try {
                String text = Files.readString(path);
                return new Source(file, text, YamlDocument.parse(text, file, problems), problems.list());
            } catch (IOException e) {
                problems.add(new ConfigProblem(file, 1, 1, "cannot read file: " + e.getMessage()));
                return new Source(file, "", Optional.empty(), problems.list());
            }
        }
    }

    /**
     * Every automations file of a directory, read and parsed: this needs no devices, so a start does it while
     * {@code devices.yaml} is read (SnakeYAML is a third of the reading); {@code problems} are the directory's own.
     */
    public record Sources(List<Source> files, List<ConfigProblem> problems, Blueprints blueprints) {
        public static Sources read(Path dir) {
            Problems problems = new Problems();
            List<Source> files = yamlFiles(dir, problems).stream().map(Source::read).toList();
            return new Sources(files, problems.list(), Blueprints.read(dir));
        }
    }

    /** Reads one file; problems are added, and automations with problems are left out. */
    public List<Automation> loadFile(Path file, Problems problems) {
        return loadFileAwaiting(file, problems).automations();
    }

    /** Reads one file: its automations, ready or waiting for devices; problems are added, and automations with problems are left out. */
    public Loaded loadFileAwaiting(Path file, Problems problems) {
        Blueprints offered = Blueprints.read(file.toAbsolutePath().getParent());
        offered.problems().forEach(problems::add);
        return readSource(Source.read(file), offered, problems);
    }

    /** One file's text as it was loaded before (a waiting automation's), checked against the devices known now. */
    public Loaded loadText(String file, String text, Problems problems) {
        Problems parsing = new Problems();
        Source source = new Source(file, text, YamlDocument.parse(text, file, parsing), parsing.list());
        return readSource(source, Blueprints.read(Path.of(file).toAbsolutePath().getParent()), problems);
    }

    private Loaded readSource(Source source, Blueprints offered, Problems problems) {
        Collected out = new Collected();
        automations(source, offered, problems, new ArrayList<>(), out);
        LoadChecks.uniqueIds(out.all, out.waiting, problems);
        return out.loaded();
    }

    /** Parses one file's text; for tests and the {@code check} command. */
    public List<Automation> parse(String file, String text, Problems problems) {
        List<PartReader.EnableRef> refs = new ArrayList<>();
        blueprints.problems().forEach(problems::add);
        Collected out = new Collected();
        YamlDocument.parse(text, file, problems).ifPresent(root -> parseFile(file, text, root, blueprints, problems, refs, out));
        LoadChecks.uniqueIds(out.all, out.waiting, problems);
        LoadChecks.enableRefs(out.all, out.waiting, refs, problems);
        return out.all;
    }

    private void automations(Source source, Blueprints offered, Problems problems, List<PartReader.EnableRef> refs, Collected out) {
        source.problems().forEach(problems::add);
        source.root().ifPresent(root -> parseFile(source.file(), source.text(), root, offered, problems, refs, out));
    }

    private void parseFile(String file, String text, Node root, Blueprints offered, Problems problems,
                           List<PartReader.EnableRef> refs, Collected out) {
        Optional<YamlMap> top = YamlMap.of(file, root, problems, "an automations file");
        if (top.isEmpty()) return;
        if (!top.get().has("automations")) top.get().missing("automations");
        Fingerprints fingerprints = new Fingerprints(text);
        BlueprintUse uses = new BlueprintUse(offered, devices);
        for (YamlMap a : top.get().listOfMaps("automations")) {
            if (a.has("use")) out.all.addAll(uses.expand(a, (expanded, origin) -> awaiting(expanded, origin, refs, new Text(file, text), out)));
            else awaiting(a, origin(a, fingerprints), refs, new Text(file, text), out).ifPresent(out.all::add);
        }
        top.get().finish();
    }

    /**
     * One automation, read with its own problems: if it names devices not known yet and is otherwise right as far as
     * can be told, it waits for them (keys next to an unknown device, its attribute's values, are read once the
     * device is known); if it is wrong anyway, the unknown devices are reported among its problems.
     */
    private Optional<Automation> awaiting(YamlMap listed, Origin origin, List<PartReader.EnableRef> refs, Text text, Collected out) {
        DeviceLookup lookup = devices.fresh();
        Problems own = new Problems();
        YamlMap a = YamlMap.of(listed.file(), listed.node(), own, "an automation").orElse(listed);
        Optional<Automation> automation = reader.read(a, lookup, origin, refs);
        List<ConfigProblem> wrong = lookup.awaited().isEmpty() ? own.list()
                : own.list().stream().filter(p -> !p.message().startsWith(YamlMap.UNKNOWN_KEY)).toList();
        wrong.forEach(listed.problems()::add);
        if (!wrong.isEmpty()) lookup.warnings().forEach(listed.problems()::add);
        if (automation.isEmpty() && wrong.isEmpty() && !lookup.awaited().isEmpty()) {
            List<ConfigProblem> where = listed.file().equals(text.file()) ? lookup.warnings() : atUse(lookup.warnings(), origin);
            a.text("id").ifPresent(id -> out.waiting.add(new Waiting(id, a.text("description", ""), origin.source(), text.file(), text.text(),
                    List.copyOf(lookup.awaited()), where)));
        }
        return automation;
    }

    private static Origin origin(YamlMap a, Fingerprints fingerprints) {
        return new Origin(a.file() + ":" + a.node().getStartMark().map(m -> m.getLine() + 1).orElse(1), fingerprints.of(a.node()));
    }

    private static List<Path> yamlFiles(Path dir, Problems problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new ConfigProblem(dir.toString(), 1, 1, "automations directory not found"));
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(AutomationLoader::isAutomationFile).sorted().toList();
        } catch (IOException e) {
            problems.add(new ConfigProblem(dir.toString(), 1, 1, "cannot list automations: " + e.getMessage()));
            return List.of();
        }
    }

    public static boolean isAutomationFile(Path p) {
        String name = p.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".");
    }
}
