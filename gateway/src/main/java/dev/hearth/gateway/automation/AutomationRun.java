package dev.hearth.gateway.automation;

import dev.hearth.gateway.bus.LocalMessage;

import java.time.Instant;
import java.util.List;

/** What happened when a trigger fired: the automation ran, or a condition stopped it (and why). */
public record AutomationRun(String automation, Instant at, String trigger, Outcome outcome, List<String> details)
        implements LocalMessage {

    public enum Outcome { RAN, CONDITION_FAILED }

    public AutomationRun {
        details = List.copyOf(details);
    }
}
