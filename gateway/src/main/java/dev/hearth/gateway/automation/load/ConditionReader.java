package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.TriggerParts;

import dev.hearth.gateway.automation.model.Condition;
import dev.hearth.gateway.automation.model.TriggerIdCondition;
import dev.hearth.gateway.yaml.Suggestions;
import dev.hearth.gateway.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/** Reads one condition. Its YAML keys live here. */
final class ConditionReader {
    static final List<String> KINDS = List.of("state", "numeric", "time", "sun", "and", "or", "not", "expr", "trigger");

    private final PartReader parts;
    /** The ids of the automation's triggers, to check {@code condition: trigger}; empty when a trigger failed to read. */
    private final Optional<Set<String>> triggerIds;

    ConditionReader(PartReader parts, Optional<Set<String>> triggerIds) {
        this.parts = parts;
        this.triggerIds = triggerIds;
    }

    List<Condition> list(YamlMap parent, String key) {
        return parts.each(parent, key, this::condition);
    }

    Optional<Condition> condition(YamlMap c) {
        Optional<String> kind = c.choice("condition", k -> Optional.of(k).filter(KINDS::contains), KINDS);
        if (!c.has("condition")) c.missing("condition");
        Optional<Condition> result = kind.flatMap(k -> switch (k) {
            case "state" -> state(c);
            case "numeric" -> numeric(c);
            case "time" -> time(c);
            case "sun" -> sun(c);
            case "and" -> nested(c).map(Condition.All::new);
            case "or" -> nested(c).map(Condition.Any::new);
            case "not" -> nested(c).map(l -> new Condition.Not(new Condition.Any(l)));
            case "trigger" -> triggerId(c);
            default -> expr(c);
        });
        c.finish();
        return result;
    }

    private Optional<List<Condition>> nested(YamlMap c) {
        if (!c.has("conditions")) c.missing("conditions");
        List<Condition> list = list(c, "conditions");
        if (list.isEmpty()) {
            if (!parts.failed()) c.problemAtKey("conditions", "'conditions' is empty");
            return Optional.empty();
        }
        return Optional.of(list);
    }

    private Optional<Condition> state(YamlMap c) {
        Optional<TriggerParts.Watched> w = parts.watched(c);
        Optional<Value> is = w.flatMap(x -> parts.value(c, "is", x.spec()));
        if (!c.has("is")) c.missing("is");
        Optional<Duration> heldFor = c.duration("for");
        return forGroup(c, w.flatMap(x -> is.map(v -> new Condition.State(x.ref(), v, heldFor))));
    }

    private Optional<Condition> numeric(YamlMap c) {
        Optional<TriggerParts.Watched> w = parts.watched(c).filter(x -> parts.numeric(c, x));
        OptionalDouble above = c.number("above");
        OptionalDouble below = c.number("below");
        if (!parts.rangeOk(c, above, below)) return Optional.empty();
        return forGroup(c, w.map(x -> new Condition.Numeric(x.ref(), above, below)));
    }

    /** On a group ({@code device:} names one): the condition for each member, {@code match: all} (default) or {@code any}. */
    private Optional<Condition> forGroup(YamlMap c, Optional<Condition> read) {
        Optional<List<DeviceId>> group = parts.devices.group(c, "device");
        if (group.isEmpty()) return read;
        boolean all = GroupReader.all(c, true);
        return read.map(x -> GroupReader.condition(x, group.get(), all));
    }

    private Optional<Condition> time(YamlMap c) {
        Optional<LocalTime> after = parts.time(c, "after");
        Optional<LocalTime> before = parts.time(c, "before");
        var days = parts.weekdays(c);
        if (!c.has("after") && !c.has("before") && !c.has("weekdays")) {
            c.problem(c.node(), "give 'after', 'before' or 'weekdays'");
            return Optional.empty();
        }
        if ((c.has("after") && after.isEmpty()) || (c.has("before") && before.isEmpty())) return Optional.empty();
        return Optional.of(new Condition.Time(after, before, days));
    }

    private Optional<Condition> sun(YamlMap c) {
        Optional<String> after = c.choice("after", s -> Optional.of(s).filter("sunset"::equals), List.of("sunset"));
        Optional<String> before = c.choice("before", s -> Optional.of(s).filter("sunrise"::equals), List.of("sunrise"));
        Duration afterOffset = parts.signedDuration(c, "after_offset").orElse(Duration.ZERO);
        Duration beforeOffset = parts.signedDuration(c, "before_offset").orElse(Duration.ZERO);
        if (after.isEmpty() && before.isEmpty()) {
            c.problem(c.node(), "give 'after: sunset', 'before: sunrise' or both");
            return Optional.empty();
        }
        return Optional.of(new Condition.Sun(after.map(a -> afterOffset), before.map(b -> beforeOffset)));
    }

    private Optional<Condition> triggerId(YamlMap c) {
        if (!c.has("id")) c.missing("id");
        List<String> ids = c.listOfText("id");
        boolean known = true;
        for (Node item : c.list("id")) {
            String id = item instanceof ScalarNode s ? s.getValue() : "";
            if (triggerIds.isEmpty() || triggerIds.get().contains(id) || !(item instanceof ScalarNode)) continue;
            c.problem(item, "no trigger of this automation has id '" + id + "'" + Suggestions.didYouMean(id, triggerIds.get())
                    + "; its triggers' ids: " + String.join(", ", new TreeSet<>(triggerIds.get())));
            known = false;
        }
        if (ids.isEmpty() || !known) return Optional.empty();
        return Optional.of(new TriggerIdCondition(Set.copyOf(ids)));
    }

    private Optional<Condition> expr(YamlMap c) {
        if (!c.has("expr")) c.missing("expr");
        return parts.expression(c, "expr").map(Condition.Expression::new);
    }
}
