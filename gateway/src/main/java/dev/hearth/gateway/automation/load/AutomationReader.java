package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.Condition;
import dev.hearth.gateway.automation.model.ExprScope;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one automation's map (id, mode, variables, triggers, conditions, actions) into an {@link Automation}, with
 * the part readers; {@link AutomationLoader} finds the maps in files and blueprints and checks them together.
 */
final class AutomationReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,64}");
    private static final List<String> MODES = List.of("single", "restart", "queued", "parallel");

    private final ExprScope scope;
    private final Set<String> notifyServices;

    /** {@code notifyServices}: the names under {@code notify:} in gateway.yaml, which {@code notify} actions may use. */
    AutomationReader(ExprScope scope, Set<String> notifyServices) {
        this.scope = scope;
        this.notifyServices = notifyServices;
    }

    /** The automation {@code a} describes, or empty when it has problems (added to {@code a}'s list). */
    Optional<Automation> read(YamlMap a, DeviceLookup devices, AutomationLoader.Origin origin, List<PartReader.EnableRef> refs) {
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

    private static Automation.Mode mode(YamlMap a) {
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
}
