package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.Condition;
import dev.hearth.gateway.automation.model.ExprScope;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.yaml.ConfigException;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlDocument;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.device.DeviceGroups;
import dev.hearth.gateway.device.DeviceSpec;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads every {@code *.yaml} file of the automations directory. Each automation is checked against the
 * configured devices, expressions are compiled, and all problems are reported with file:line:column.
 */
public final class AutomationLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,64}");
    private static final List<String> MODES = List.of("single", "restart", "queued", "parallel");

    private final DeviceLookup devices;
    private final ExprScope scope;
    private final Set<String> notifyServices;
    /** For {@link #parse}: the blueprints its text may use (a directory's own are read with it). */
    private final Blueprints blueprints;

    /** A loader for a home without notify services (tests, tools). */
    public AutomationLoader(Collection<DeviceSpec> devices) {
        this(devices, Set.of());
    }

    /** {@code notifyServices}: the names under {@code notify:} in gateway.yaml, which {@code notify} actions may use. */
    public AutomationLoader(Collection<DeviceSpec> devices, Set<String> notifyServices) {
        this(new DeviceLookup(devices), Set.copyOf(notifyServices), Blueprints.NONE);
    }

    private AutomationLoader(DeviceLookup devices, Set<String> notifyServices, Blueprints blueprints) {
        this.devices = devices;
        this.scope = new ExprScope(this.devices.all(), List.of(Action.Wait.TIMED_OUT));
        this.notifyServices = notifyServices;
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

    /** Where an automation comes from: {@code file:line} and the digest of its text (see {@link Automation}). */
    record Origin(String source, String fingerprint) {
    }

    public List<Automation> loadDirectory(Path dir) throws ConfigException {
        return load(Sources.read(dir));
    }

    /** The automations of files already read and parsed ({@link Sources#read}): checked, compiled, all problems reported. */
    public List<Automation> load(Sources sources) throws ConfigException {
        Problems problems = new Problems();
        sources.problems().forEach(problems::add);
        sources.blueprints().problems().forEach(problems::add);
        List<Automation> all = new ArrayList<>();
        List<PartReader.EnableRef> refs = new ArrayList<>();
        for (Source source : sources.files()) all.addAll(automations(source, sources.blueprints(), problems, refs));
        checkUniqueIds(all, problems);
        checkEnableRefs(all, refs);
        problems.throwIfAny();
        return all;
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
        List<PartReader.EnableRef> refs = new ArrayList<>();
        Blueprints offered = Blueprints.read(file.toAbsolutePath().getParent());
        offered.problems().forEach(problems::add);
        List<Automation> out = automations(Source.read(file), offered, problems, refs);
        checkUniqueIds(out, problems);
        return out;
    }

    /** Parses one file's text; for tests and the {@code check} command. */
    public List<Automation> parse(String file, String text, Problems problems) {
        List<PartReader.EnableRef> refs = new ArrayList<>();
        blueprints.problems().forEach(problems::add);
        List<Automation> out = YamlDocument.parse(text, file, problems).map(root -> parseFile(file, text, root, blueprints, problems, refs))
                .orElse(List.of());
        checkUniqueIds(out, problems);
        checkEnableRefs(out, refs);
        return out;
    }

    private List<Automation> automations(Source source, Blueprints offered, Problems problems, List<PartReader.EnableRef> refs) {
        source.problems().forEach(problems::add);
        return source.root().map(root -> parseFile(source.file(), source.text(), root, offered, problems, refs)).orElse(List.of());
    }

    private List<Automation> parseFile(String file, String text, Node root, Blueprints offered, Problems problems,
                                       List<PartReader.EnableRef> refs) {
        Optional<YamlMap> top = YamlMap.of(file, root, problems, "an automations file");
        if (top.isEmpty()) return List.of();
        if (!top.get().has("automations")) top.get().missing("automations");
        List<Automation> out = new ArrayList<>();
        Fingerprints fingerprints = new Fingerprints(text);
        BlueprintUse uses = new BlueprintUse(offered, devices);
        for (YamlMap a : top.get().listOfMaps("automations")) {
            if (a.has("use")) out.addAll(uses.expand(a, (expanded, origin) -> automation(expanded, origin, refs)));
            else automation(a, origin(a, fingerprints), refs).ifPresent(out::add);
        }
        top.get().finish();
        return out;
    }

    private static Origin origin(YamlMap a, Fingerprints fingerprints) {
        return new Origin(a.file() + ":" + a.node().getStartMark().map(m -> m.getLine() + 1).orElse(1), fingerprints.of(a.node()));
    }

    private Optional<Automation> automation(YamlMap a, Origin origin, List<PartReader.EnableRef> refs) {
        int problemsBefore = a.problems().list().size();
        Optional<String> id = a.requiredText("id");
        id.filter(i -> !ID.matcher(i).matches())
                .ifPresent(i -> a.problemAtKey("id", "automation id '" + i + "' must be lower-case letters, digits or underscores"));
        String description = a.text("description", "");
        boolean enabled = a.flag("enabled", true);
        Automation.Mode mode = mode(a);
        Automation.Missed missed = missed(a);
        VariableReader.Declared declared = VariableReader.declare(a, devices);
        PartReader parts = new PartReader(devices, scope.withVariables(declared.kinds()), refs);
        Map<String, Template> variables = VariableReader.read(declared, parts);
        TriggerReader triggerReader = new TriggerReader(parts);
        List<TriggerReader.Identified> identified = parts.each(a, "triggers", triggerReader::identified);
        List<Trigger> triggers = identified.stream().flatMap(i -> i.triggers().stream()).toList();
        List<String> triggerIds = triggerIds(identified);
        ConditionReader conditionReader = new ConditionReader(parts, parts.failed() ? Optional.empty() : Optional.of(Set.copyOf(triggerIds)));
        if (!a.has("triggers")) a.missing("triggers");
        else if (triggers.isEmpty() && !parts.failed()) a.problemAtKey("triggers", "'triggers' is empty");
        List<Condition> conditions = conditionReader.list(a, "conditions");
        List<Action> actions = new ActionReader(parts, conditionReader, triggerReader, new DispatchReader(parts, notifyServices)).list(a, "actions");
        if (!a.has("actions")) a.missing("actions");
        else if (actions.isEmpty() && !parts.failed()) a.problemAtKey("actions", "'actions' is empty");
        a.finish();
        if (id.isEmpty() || triggers.isEmpty() || actions.isEmpty() || parts.failed() || a.problems().list().size() > problemsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Automation(id.get(), description, enabled, mode, triggers, conditions, actions, variables, missed,
                origin.source(), origin.fingerprint(), triggerIds));
    }

    private static List<String> triggerIds(List<TriggerReader.Identified> triggers) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            String id = triggers.get(i).id().orElse(Integer.toString(i));
            triggers.get(i).triggers().forEach(t -> ids.add(id));
        }
        return ids;
    }

    private Automation.Mode mode(YamlMap a) {
        Automation.ModeKind kind = a.choice("mode", m -> Optional.of(m).filter(MODES::contains)
                .map(x -> Automation.ModeKind.valueOf(x.toUpperCase(Locale.ROOT))), MODES).orElse(Automation.ModeKind.SINGLE);
        int max = a.integer("max", kind == Automation.ModeKind.QUEUED || kind == Automation.ModeKind.PARALLEL ? 10 : 1, 1, 1000);
        if (a.has("max") && (kind == Automation.ModeKind.SINGLE || kind == Automation.ModeKind.RESTART)) {
            a.problemAtKey("max", "'max' applies to mode queued or parallel, not " + kind.name().toLowerCase(Locale.ROOT));
        }
        return new Automation.Mode(kind, max);
    }

    private static Automation.Missed missed(YamlMap a) {
        List<String> policies = List.of("skip", "run");
        boolean run = a.choice("on_missed", p -> Optional.of(p).filter(policies::contains), policies).map("run"::equals).orElse(false);
        Duration grace = a.duration("grace", Duration.ofMinutes(15));
        return run ? new Automation.Missed(true, grace) : Automation.Missed.SKIP;
    }

    private static void checkUniqueIds(List<Automation> all, Problems problems) {
        Map<String, String> seen = new HashMap<>();
        for (Automation a : all) {
            String first = seen.putIfAbsent(a.id(), a.source());
            if (first != null) {
                problems.add(new ConfigProblem(a.file(), Integer.parseInt(a.source().substring(a.file().length() + 1)), 1,
                        "duplicate automation id '" + a.id() + "' (first defined at " + first + ")"));
            }
        }
    }

    private static void checkEnableRefs(List<Automation> all, List<PartReader.EnableRef> refs) {
        Set<String> ids = all.stream().map(Automation::id).collect(Collectors.toSet());
        for (PartReader.EnableRef r : refs) {
            if (!ids.contains(r.automation())) {
                r.at().problemAtValue(r.key(), "no automation '" + r.automation() + "'" + Suggestions.didYouMean(r.automation(), ids));
            }
        }
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
