package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.AllMembersTrigger;
import dev.hearth.gateway.automation.model.AttributeRef;
import dev.hearth.gateway.automation.model.Condition;
import dev.hearth.gateway.automation.model.Trigger;
import dev.hearth.gateway.automation.model.TriggerParts;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.yaml.YamlMap;

import java.util.List;
import java.util.Optional;

/**
 * A group of devices.yaml named where a device is, in a state or numeric trigger or condition: what is written is read
 * once, for the group's first member known now (its attribute gives the values their type), then copied for every
 * member, including those discovery has not brought yet. {@code match: any | all} says whether one member or all must
 * be as asked: {@code any} by default for triggers, {@code all} for conditions (as Home Assistant does).
 */
final class GroupReader {
    private static final List<String> MATCHES = List.of("any", "all");

    private GroupReader() {
    }

    /**
     * The first known member's attribute; a problem if a known one lacks the attribute, or if no member is known now
     * and discovery cannot bring them (with discovery, the automation waits for its members instead).
     */
    static Optional<TriggerParts.Watched> representative(YamlMap m, DeviceLookup devices, List<DeviceId> members) {
        List<DeviceSpec> known = devices.known(members);
        String group = m.text("device").orElse("");
        if (known.isEmpty()) {
            if (devices.awaitGroup(m, group, members)) {
                m.has("attribute");
                return Optional.empty();
            }
            m.problemAtValue("device", "no device of group '" + group + "' is known yet (members: "
                    + String.join(", ", members.stream().map(DeviceId::value).toList()) + ")");
            m.has("attribute");
            return Optional.empty();
        }
        Optional<TriggerParts.Watched> first = Optional.empty();
        for (DeviceSpec d : known) {
            Optional<AttributeSpec> a = devices.attribute(m, d);
            if (a.isEmpty()) return Optional.empty();
            if (first.isEmpty()) first = Optional.of(new TriggerParts.Watched(new AttributeRef(d.id(), a.get().name()), a.get()));
        }
        return first;
    }

    /** {@code match:} of a trigger or condition on a group: whether all members must be as asked. */
    static boolean all(YamlMap m, boolean byDefault) {
        return m.choice("match", x -> Optional.of(x).filter(MATCHES::contains), MATCHES).map("all"::equals).orElse(byDefault);
    }

    /** One trigger per member; with {@code all}, each waits for the other members to be as asked too. */
    static Optional<List<Trigger>> triggers(YamlMap t, Trigger read, String group, List<DeviceId> members, boolean all) {
        if (!(read instanceof Trigger.Watching w)) {
            t.problemAtValue("device", "'" + group + "' is a group: groups work in state and numeric triggers");
            return Optional.empty();
        }
        List<AttributeRef> refs = members.stream().map(id -> new AttributeRef(id, w.watches().attribute())).toList();
        return Optional.of(members.stream()
                .map(id -> all ? (Trigger) new AllMembersTrigger(w.on(id), group, refs) : w.on(id)).toList());
    }

    /** The condition for every member, joined by {@code and} ({@code all}) or {@code or}. */
    static Condition condition(Condition read, List<DeviceId> members, boolean all) {
        List<Condition> each = members.stream().map(id -> on(read, id)).toList();
        return all ? new Condition.All(each) : new Condition.Any(each);
    }

    private static Condition on(Condition read, DeviceId device) {
        if (read instanceof Condition.State s) return new Condition.State(new AttributeRef(device, s.ref().attribute()), s.is(), s.heldFor());
        Condition.Numeric n = (Condition.Numeric) read;
        return new Condition.Numeric(new AttributeRef(device, n.ref().attribute()), n.above(), n.below());
    }
}
