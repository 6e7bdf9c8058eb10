package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.bus.LocalMessage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Requests to the automation core over the event bus, and their replies. */
public final class AutomationQuery {
    private AutomationQuery() {
    }

    /** Request on {@code hearth.automation.list}; reply {@link Listing}. */
    public record ListAll() implements LocalMessage {
    }

    public record Listing(List<Info> automations) implements LocalMessage {
        public Listing {
            automations = List.copyOf(automations);
        }
    }

    /** {@code waitingFor}: devices the automation names that discovery has not found yet; it runs once they appear. */
    public record Info(String id, String description, boolean enabled, String source,
                       Optional<Instant> lastTriggered, long runs, List<String> waitingFor) implements LocalMessage {
        public Info {
            waitingFor = List.copyOf(waitingFor);
        }

        /** An automation that is running (armed). */
        public Info(String id, String description, boolean enabled, String source, Optional<Instant> lastTriggered, long runs) {
            this(id, description, enabled, source, lastTriggered, runs, List.of());
        }
    }

    /** Request on {@code hearth.automation.runs}; reply {@link Runs}, newest first. */
    public record RecentRuns(String automation, int limit) implements LocalMessage {
    }

    public record Runs(List<AutomationRun> runs) implements LocalMessage {
        public Runs {
            runs = List.copyOf(runs);
        }
    }

    /** Request on {@code hearth.automation.control}; empty reply, or failure 404 for an unknown id. */
    public sealed interface Control extends LocalMessage permits SetEnabled, TriggerNow {
        String automation();
    }

    public record SetEnabled(String automation, boolean enabled) implements Control {
    }

    /** Runs the automation's conditions and actions now, as if its first trigger had fired. */
    public record TriggerNow(String automation) implements Control {
    }
}
