package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.trace.AutomationRun;

import java.util.Map;

/** How a matched trigger reaches the engine: a run to start, or a trace of a run that did not start. */
interface Firing {
    void fire(TriggerIndex.Armed a, String trigger, Map<String, Object> data);

    void nearMiss(String automation, String trigger, AutomationRun.Outcome outcome, String detail);
}
