package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A state or numeric trigger on one member of a group with {@code match: all}: it fires when this member's change
 * leaves every member of {@code group} as the trigger asks (a member never heard from is not). Each member gets one.
 */
public record AllMembersTrigger(Trigger.Watching member, String group, List<AttributeRef> members) implements Trigger.Watching {
    public AllMembersTrigger {
        Objects.requireNonNull(member, "member");
        if (member instanceof AllMembersTrigger) throw new IllegalArgumentException("already a group trigger");
        members = List.copyOf(members);
    }

    @Override
    public AttributeRef watches() {
        return member.watches();
    }

    @Override
    public AllMembersTrigger on(DeviceId device) {
        return new AllMembersTrigger(member.on(device), group, members);
    }

    @Override
    public boolean firesOn(TriggerEvent.StateChange change) {
        return member.firesOn(change);
    }

    @Override
    public boolean holds(Value current) {
        return member.holds(current);
    }

    @Override
    public Duration holdFor() {
        return member.holdFor();
    }

    @Override
    public boolean admits(StateView states) {
        for (AttributeRef ref : members) {
            Optional<Value> now = states.value(ref.device(), ref.attribute());
            if (now.isEmpty() || !member.holds(now.get())) return false;
        }
        return true;
    }

    @Override
    public String describe() {
        return member.describe() + " (all of group " + group + ")";
    }
}
