package dev.hearth.gateway.logbook;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.commands.CommandConfirmed;
import dev.hearth.gateway.commands.CommandFailed;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns what the home publishes into logbook entries, in words a person reads ("Hallway ceiling light: state OFF →
 * ON"), with the device's room as it is configured when the entry is made.
 */
final class LogbookTexts {
    /** Zigbee2MQTT's name for a button's or remote's momentary report (single, double, hold…). */
    static final String ACTION_ATTRIBUTE = "action";

    private final Function<DeviceId, Optional<DeviceSpec>> devices;

    LogbookTexts(Function<DeviceId, Optional<DeviceSpec>> devices) {
        this.devices = devices;
    }

    LogbookEntry state(long id, StateChanged c) {
        boolean event = c.attribute().equals(ACTION_ATTRIBUTE);
        String text = event ? name(c.device()) + ": " + c.value()
                : name(c.device()) + ": " + c.attribute() + " " + c.previous().map(p -> p + " → ").orElse("") + c.value();
        return device(id, c.at(), event ? LogbookEntry.Kind.EVENT : LogbookEntry.Kind.STATE, c.device(), text);
    }

    LogbookEntry availability(long id, AvailabilityChanged c) {
        return device(id, c.at(), LogbookEntry.Kind.AVAILABILITY, c.device(),
                name(c.device()) + " is " + c.current().name().toLowerCase(Locale.ROOT));
    }

    LogbookEntry commandFailed(long id, CommandFailed f) {
        return device(id, f.at(), LogbookEntry.Kind.COMMAND, f.device(), name(f.device()) + ": command " + set(f.set()) + " from "
                + f.origin() + " not confirmed after " + attempts(f.attempts()));
    }

    LogbookEntry commandConfirmed(long id, CommandConfirmed c) {
        return device(id, c.at(), LogbookEntry.Kind.COMMAND, c.device(), name(c.device()) + ": command " + set(c.set()) + " from "
                + c.origin() + " confirmed after " + c.took().toMillis() + " ms" + (c.attempts() == 1 ? "" : " and " + attempts(c.attempts())));
    }

    private static String set(Map<String, Value> set) {
        return set.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(", "));
    }

    private static String attempts(int n) {
        return n + (n == 1 ? " attempt" : " attempts");
    }

    LogbookEntry run(long id, AutomationRun run) {
        return new LogbookEntry(id, run.at(), LogbookEntry.Kind.AUTOMATION, Optional.empty(), Optional.empty(),
                Optional.of(run.automation()), run.automation() + " " + outcome(run) + " (" + run.trigger() + ")");
    }

    /** The outcome first, then the reason a person looks for: the condition that failed, the step that failed. */
    private static String outcome(AutomationRun run) {
        String reason = switch (run.outcome()) {
            case RAN -> "";
            case FAILED -> run.steps().stream().map(AutomationRun.Step::outcome).filter(o -> !o.equals("ok")).findFirst()
                    .map(o -> ": " + o).orElse("");
            default -> run.details().stream().filter(d -> d.startsWith("failed")).findFirst()
                    .or(() -> run.details().stream().findFirst()).map(d -> ": " + d).orElse("");
        };
        String what = switch (run.outcome()) {
            case RAN -> "ran";
            case CONDITION_FAILED -> "did not run";
            default -> run.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
        return what + reason;
    }

    private LogbookEntry device(long id, Instant at, LogbookEntry.Kind kind, DeviceId device, String text) {
        Optional<DeviceSpec> spec = devices.apply(device);
        Optional<String> room = spec.map(DeviceSpec::room).filter(r -> !r.isEmpty());
        return new LogbookEntry(id, at, kind, Optional.of(device.value()), room, Optional.empty(), text);
    }

    private String name(DeviceId device) {
        return devices.apply(device).map(DeviceSpec::name).filter(n -> !n.isEmpty()).orElse(device.value());
    }
}
