package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.StateChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The home's lines for people: device changes ({@code hearth.state}) and automation runs ({@code hearth.automation}). */
final class HomeLog {
    private static final Logger stateLog = LoggerFactory.getLogger("hearth.state");
    /** One line per automation run: DEBUG (traces keep them), except failures. */
    private static final Logger runLog = LoggerFactory.getLogger("hearth.automation");

    private HomeLog() {
    }

    /** DEBUG: a sensor flood would otherwise write a log line per message (see logging.LoggingDefaults). */
    static void changed(StateChanged change) {
        if (!stateLog.isDebugEnabled()) return;
        stateLog.debug("{}.{}: {} -> {}", change.device(), change.attribute(),
                change.previous().map(Object::toString).orElse("unknown"), change.value());
    }

    static void availability(AvailabilityChanged a) {
        stateLog.info("{} is {}", a.device(), a.current().name().toLowerCase());
    }

    static void event(EventReported e) {
        stateLog.info("{}.{}: event {}", e.device(), e.attribute(), e.event());
    }

    static void ran(AutomationRun run) {
        if (run.outcome() == AutomationRun.Outcome.FAILED) {
            runLog.warn("Automation {} failed ({}): {} {}", run.automation(), run.trigger(), run.details(),
                    run.steps().stream().map(st -> st.action() + ": " + st.outcome()).toList());
        } else if (runLog.isDebugEnabled() && run.outcome() == AutomationRun.Outcome.RAN) {
            runLog.debug("Automation {} ran ({}): {}", run.automation(), run.trigger(), run.steps().stream().map(AutomationRun.Step::action).toList());
        } else if (runLog.isDebugEnabled()) {
            runLog.debug("Automation {} {} ({}): {} {}", run.automation(), run.outcome().name().toLowerCase(), run.trigger(), run.details(),
                    run.steps().stream().map(st -> st.action() + ": " + st.outcome()).toList());
        }
    }

    /** A helper an automation set refused the value. */
    static void helperRefused(Object automation, Object helper, String why) {
        runLog.warn("Automation {} could not set helper {}: {}", automation, helper, why);
    }
}
