package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.model.AutomationSettings;
import dev.hearth.gateway.commands.ConfirmationSettings;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.gateway.time.Location;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the home runs: on which clock and pace, where it is (sun times), runaway protection, closed-loop commands,
 * helpers and people, how often traces kept in memory are saved (the gateway uses {@code history.commit_interval}: a power cut loses at
 * most that much of history and of traces alike), the automations directory watched for edits, if any,
 * the notify services an edited automation may use, and the topic prefix whose messages are handed on to Hearth's
 * Home Assistant announcement ({@code <base>/ha/}), if it runs.
 */
public record HomeSettings(GatewayTime time, Location location, AutomationSettings automation, ConfirmationSettings commands,
                           Duration traceSaveEvery, Optional<Path> automationsDir, Locals locals,
                           Set<String> notifyServices, Optional<String> handedOn) {
    /** Without helpers, people or notify services. */
    public HomeSettings(GatewayTime time, Location location, AutomationSettings automation, ConfirmationSettings commands,
                        Duration traceSaveEvery, Optional<Path> automationsDir) {
        this(time, location, automation, commands, traceSaveEvery, automationsDir, Locals.NONE, Set.of(), Optional.empty());
    }

    /** Without Hearth's Home Assistant announcement. */
    public HomeSettings(GatewayTime time, Location location, AutomationSettings automation, ConfirmationSettings commands,
                        Duration traceSaveEvery, Optional<Path> automationsDir, Locals locals, Set<String> notifyServices) {
        this(time, location, automation, commands, traceSaveEvery, automationsDir, locals, notifyServices, Optional.empty());
    }

    public HomeSettings {
        Objects.requireNonNull(locals, "locals");
        Objects.requireNonNull(handedOn, "handedOn");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(automation, "automation");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(traceSaveEvery, "traceSaveEvery");
        Objects.requireNonNull(automationsDir, "automationsDir");
        notifyServices = Set.copyOf(notifyServices);
    }
}
