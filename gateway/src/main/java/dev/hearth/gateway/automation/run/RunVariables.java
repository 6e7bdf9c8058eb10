package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.ExprScope;
import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.model.Template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The names a run's expressions see besides devices: {@code trigger} (what started it), the automation's
 * {@code variables} (evaluated once, in order, when the run starts) and {@code wait_timed_out}.
 */
final class RunVariables implements Expr.Variables {
    private final Map<String, Object> trigger;
    /** The automation's variables; most automations have none, and then no table is made. */
    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean waitTimedOut;

    /** {@code trigger} is handed over: every caller builds it for this run (or it is immutable) and never changes it after. */
    RunVariables(Map<String, Object> trigger) {
        this.trigger = Collections.unmodifiableMap(trigger);
    }

    /** A variable whose expression failed: the run fails before its conditions. */
    record Failed(String variable, String error) {
    }

    /**
     * Evaluates the automation's variables, each seeing those before it through {@code withDevices} (this scope plus the
     * devices); empty, or the first that failed.
     */
    Optional<Failed> init(Map<String, Template> variables, Supplier<Expr.Variables> withDevices) {
        for (Map.Entry<String, Template> v : variables.entrySet()) {
            Expr.Result r = v.getValue().evaluate(withDevices.get());
            if (r.value().isEmpty()) return Optional.of(new Failed(v.getKey(), r.error()));
            values.put(v.getKey(), r.value().get());
        }
        return Optional.empty();
    }

    void waitTimedOut(boolean timedOut) {
        waitTimedOut = timedOut;
    }

    @Override
    public Optional<Object> find(String name) {
        if (name.equals(ExprScope.TRIGGER)) return Optional.of(trigger);
        if (name.equals(Action.Wait.TIMED_OUT)) return Optional.of(waitTimedOut);
        return Optional.ofNullable(values.get(name));
    }
}
