package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Condition;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.commands.CommandEncoder;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads one action: a mapping with exactly one of the action keys. Its YAML keys live here. */
final class ActionReader {
    static final List<String> KINDS = List.of("command", "publish", "delay", "wait", "if", "choose", "repeat", "scene",
            "enable", "disable", "log", "stop", "set_helper", "notify", "http");

    private final PartReader parts;
    private final ConditionReader conditions;
    private final TriggerReader triggers;
    private final DispatchReader dispatches;
    private final TargetCommandReader targets;

    ActionReader(PartReader parts, ConditionReader conditions, TriggerReader triggers, DispatchReader dispatches) {
        this.parts = parts;
        this.targets = new TargetCommandReader(parts);
        this.conditions = conditions;
        this.triggers = triggers;
        this.dispatches = dispatches;
    }

    List<Action> list(YamlMap parent, String key) {
        return parts.each(parent, key, this::action);
    }

    Optional<Action> action(YamlMap a) {
        List<String> present = KINDS.stream().filter(k -> a.keys().contains(k)).toList();
        if (present.size() != 1) {
            a.problem(a.node(), present.isEmpty() ? "an action needs one of: " + String.join(", ", KINDS)
                    : "an action has exactly one of " + String.join(", ", KINDS) + "; this one has " + String.join(", ", present));
            KINDS.forEach(a::has);
            a.finish();
            return Optional.empty();
        }
        Optional<Action> result = switch (present.get(0)) {
            case "command" -> a.map("command").flatMap(c -> targets.targets(c) ? targets.read(c) : command(c).map(x -> (Action) x));
            case "publish" -> a.map("publish").flatMap(this::publish);
            case "delay" -> a.duration("delay").map(Action.Delay::new);
            case "wait" -> a.map("wait").flatMap(this::waitFor);
            case "if" -> ifThen(a);
            case "choose" -> choose(a);
            case "repeat" -> a.map("repeat").flatMap(this::repeat);
            case "scene" -> scene(a);
            case "enable", "disable" -> setEnabled(a, present.get(0));
            case "log" -> log(a);
            case "notify" -> a.map("notify").flatMap(dispatches::notify);
            case "http" -> a.map("http").flatMap(dispatches::http);
            case "set_helper" -> a.map("set_helper").flatMap(new HelperActionReader(parts)::read);
            default -> stop(a);
        };
        a.finish();
        return result;
    }

    private Optional<Action.Command> command(YamlMap c) {
        Optional<DeviceSpec> device = parts.devices.device(c).filter(d -> {
            if (d.kind() != DeviceKind.HELPER) return true;
            c.problemAtValue("device", d.id() + " is a helper: set it with 'set_helper'");
            return false;
        });
        Optional<YamlMap> values = c.map("set");
        if (!c.has("set")) c.missing("set");
        c.finish();
        if (device.isEmpty() || values.isEmpty()) return Optional.empty();
        Map<String, Template> set = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Value> constants = new LinkedHashMap<>();
        for (String name : values.get().keys()) {
            Optional<AttributeSpec> spec = device.get().attribute(name);
            if (spec.isEmpty() || !spec.get().writable() || !device.get().acceptsCommands()) {
                constants.put(name, Value.of("?"));
                values.get().has(name);
                continue;
            }
            parts.valueOrExpression(values.get(), name, spec.get()).ifPresent(t -> {
                set.put(name, t);
                t.constant().ifPresent(v -> constants.put(name, v));
            });
        }
        if (values.get().keys().isEmpty()) problems.add("'set' names no attribute");
        else problems.addAll(CommandEncoder.validate(device.get(), constants));
        problems.forEach(p -> c.problemAtKey("set", p));
        values.get().finish();
        if (!problems.isEmpty() || set.size() != values.get().keys().size()) return Optional.empty();
        return Optional.of(new Action.Command(device.get().id(), set));
    }

    private Optional<Action> publish(YamlMap p) {
        if (!p.has("topic")) p.missing("topic");
        Optional<String> topic = p.text("topic").filter(t -> {
            boolean ok = !t.isEmpty() && !t.contains("+") && !t.contains("#");
            if (!ok) p.problemAtValue("topic", "a publish topic must be non-empty and have no wildcards, got '" + t + "'");
            return ok;
        });
        Optional<Template> payload = p.has("payload") ? parts.template(p, "payload") : Optional.of(Template.of(Value.of("")));
        int qos = p.integer("qos", 1, 0, 2);
        boolean retain = p.flag("retain", false);
        p.finish();
        return topic.flatMap(t -> payload.map(x -> new Action.Publish(t, x, qos, retain)));
    }

    private Optional<Action> waitFor(YamlMap w) {
        Optional<Trigger> trigger = w.map("trigger").flatMap(triggers::trigger);
        Optional<Condition> condition = w.map("condition").flatMap(conditions::condition);
        Optional<Duration> timeout = w.duration("timeout");
        boolean cont = w.flag("continue_on_timeout", false);
        if (w.has("trigger") == w.has("condition")) {
            w.problem(w.node(), "'wait' needs exactly one of 'trigger' or 'condition'");
            return Optional.empty();
        }
        if (trigger.isPresent() && trigger.get() instanceof Trigger.Scheduled) {
            w.problemAtKey("trigger", "'wait' can wait for device, mqtt, availability or gateway triggers, not clock ones; use 'delay'");
            return Optional.empty();
        }
        if (trigger.isEmpty() && condition.isEmpty()) return Optional.empty();
        return Optional.of(new Action.Wait(trigger, condition, timeout, cont));
    }

    private Optional<Action> ifThen(YamlMap a) {
        List<Condition> when = conditions.list(a, "if");
        if (!a.has("then")) a.missing("then");
        List<Action> then = list(a, "then");
        List<Action> otherwise = list(a, "else");
        if (when.isEmpty()) return Optional.empty();
        return Optional.of(new Action.If(when, then, otherwise));
    }

    private Optional<Action> choose(YamlMap a) {
        List<Action.Branch> branches = parts.each(a, "choose", b -> {
            if (!b.has("conditions")) b.missing("conditions");
            if (!b.has("actions")) b.missing("actions");
            List<Condition> when = conditions.list(b, "conditions");
            List<Action> actions = list(b, "actions");
            b.finish();
            return when.isEmpty() ? Optional.empty() : Optional.of(new Action.Branch(when, actions));
        });
        List<Action> otherwise = list(a, "default");
        return branches.isEmpty() ? Optional.empty() : Optional.of(new Action.Choose(branches, otherwise));
    }

    private Optional<Action> repeat(YamlMap r) {
        Optional<Integer> count = r.has("count")
                ? Optional.of(r.integer("count", 1, 1, Action.Repeat.MAX_ITERATIONS)) : Optional.empty();
        List<Condition> whileTrue = conditions.list(r, "while");
        List<Condition> until = conditions.list(r, "until");
        if (!r.has("actions")) r.missing("actions");
        List<Action> actions = list(r, "actions");
        int given = (r.has("count") ? 1 : 0) + (r.has("while") ? 1 : 0) + (r.has("until") ? 1 : 0);
        r.finish();
        if (given != 1) {
            r.problem(r.node(), "'repeat' needs exactly one of 'count', 'while' or 'until'");
            return Optional.empty();
        }
        return Optional.of(new Action.Repeat(count, whileTrue, until, actions));
    }

    private Optional<Action> scene(YamlMap a) {
        List<Action> commands = parts.each(a, "scene", c -> targets.targets(c) ? targets.read(c) : command(c).map(x -> (Action) x));
        return commands.isEmpty() ? Optional.empty() : Optional.of(new Action.Scene(commands));
    }

    private Optional<Action> setEnabled(YamlMap a, String key) {
        return a.text(key).map(id -> {
            parts.enableRef(id, a, key);
            return new Action.SetEnabled(id, key.equals("enable"));
        });
    }

    private Optional<Action> log(YamlMap a) {
        List<String> levels = List.of("info", "warn");
        Action.Level level = a.choice("level", l -> Optional.of(l).filter(levels::contains)
                .map(x -> Action.Level.valueOf(x.toUpperCase(Locale.ROOT))), levels).orElse(Action.Level.INFO);
        return parts.template(a, "log").map(t -> new Action.Log(t, level));
    }

    private Optional<Action> stop(YamlMap a) {
        boolean error = a.flag("error", false);
        return a.text("stop").map(reason -> new Action.Stop(reason, error));
    }
}
