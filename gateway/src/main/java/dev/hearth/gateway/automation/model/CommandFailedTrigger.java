package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.yaml.YamlMap;

import java.util.Objects;
import java.util.Optional;

/** A command was never confirmed by its device's state topic (closed-loop commands); any device when empty. */
public record CommandFailedTrigger(Optional<DeviceId> device) implements Trigger {
    public static final TriggerKind KIND = new TriggerKind("command_failed", CommandFailedTrigger::read);

    public CommandFailedTrigger {
        Objects.requireNonNull(device, "device");
    }

    /** {@code device} is optional: without it, any command that failed. */
    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        if (!t.has("device")) return Optional.of(new CommandFailedTrigger(Optional.empty()));
        return parts.device(t).map(d -> new CommandFailedTrigger(Optional.of(d.id())));
    }

    public boolean matches(DeviceId failed) {
        return device.map(failed::equals).orElse(true);
    }

    @Override
    public Object key() {
        return TriggerEvent.CommandFailure.class;
    }

    @Override
    public Reaction react(TriggerEvent event) {
        return matches(((TriggerEvent.CommandFailure) event).device()) ? Reaction.FIRE : Reaction.NONE;
    }

    @Override
    public String describe() {
        return device.map(d -> "command to " + d + " failed").orElse("a command failed");
    }
}
