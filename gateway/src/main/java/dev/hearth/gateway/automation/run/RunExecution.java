package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.Condition;
import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.model.Facts;
import dev.hearth.gateway.automation.model.HttpAction;
import dev.hearth.gateway.automation.model.NotifyAction;
import dev.hearth.gateway.automation.model.TargetCommand;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.notify.Dispatch;
import dev.hearth.gateway.time.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of an automation: checks the conditions, then interprets the actions. Never blocks: a {@code delay} or
 * {@code wait} schedules the rest of the run on the scheduler and returns. Written in continuation style: each
 * step is given what to do next.
 */
public final class RunExecution {

    private final long id;
    private final Automation automation;
    private final String trigger;
    private final RunHost host;
    private final Instant started;
    private final RunVariables variables;
    private final List<String> details = new ArrayList<>();
    private final List<AutomationRun.Step> steps = new ArrayList<>();
    /** The timer of the delay the run is in, if it is. */
    private Scheduler.Cancellable pending;
    private WaitStep waiting;
    private boolean done;

    RunExecution(long id, Automation automation, String trigger, Map<String, Object> triggerData, RunHost host) {
        this.id = id;
        this.automation = automation;
        this.trigger = trigger;
        this.variables = new RunVariables(triggerData);
        this.host = host;
        this.started = host.scheduler().now();
    }

    long id() {
        return id;
    }

    Automation automation() {
        return automation;
    }

    String trigger() {
        return trigger;
    }

    Instant started() {
        return started;
    }

    boolean done() {
        return done;
    }

    /** Checks conditions; false (and a trace) if one failed. */
    void start() {
        if (!initVariables()) return;
        Facts facts = host.facts(variables);
        for (Condition c : automation.conditions()) {
            Condition.Check check = c.check(facts);
            details.add((check.passed() ? "passed: " : "failed: ") + check.text());
            if (!check.passed()) {
                finish(AutomationRun.Outcome.CONDITION_FAILED);
                return;
            }
        }
        runList(automation.actions(), 0, () -> finish(AutomationRun.Outcome.RAN));
    }

    private boolean initVariables() {
        if (automation.variables().isEmpty()) return true; // nothing to evaluate: no scope built for it
        Optional<RunVariables.Failed> failed = variables.init(automation.variables(), this::vars);
        failed.ifPresent(f -> {
            step("variable " + f.variable(), "failed: " + f.error(), host.scheduler().now());
            finish(AutomationRun.Outcome.FAILED);
        });
        return failed.isEmpty();
    }

    /** Continues a run restored after a restart: the top-level actions after {@code index}, {@code due} being its delay's end. */
    void resumeAfter(int index, Instant due) {
        if (!initVariables()) return;
        details.add("resumed after a restart at action " + (index + 1));
        Duration left = Duration.between(host.scheduler().now(), due);
        Instant at = host.scheduler().now();
        pending = host.scheduler().schedule(left.isNegative() ? Duration.ZERO : left, () -> {
            pending = null;
            host.delayEnded(this);
            step(automation.actions().get(index).describe() + " (resumed)", "ok", at);
            runList(automation.actions(), index + 1, () -> finish(AutomationRun.Outcome.RAN));
        });
        host.delayStarted(this, index, due, EngineJournal.PendingTimer.Kind.DELAY);
    }

    void cancel(String why) {
        if (done) return;
        if (pending != null) pending.cancel();
        if (waiting != null) waiting.cancel();
        host.delayEnded(this);
        details.add("cancelled: " + why);
        finish(AutomationRun.Outcome.CANCELLED);
    }

    /** {@code trigger} and this run's variables (devices come from the engine's facts). */
    Expr.Variables runVariables() {
        return variables;
    }

    /** Devices (from the engine), {@code trigger} and this run's variables. */
    private Expr.Variables vars() {
        return host.facts(variables).variables();
    }

    private void runList(List<Action> list, int i, Runnable then) {
        if (done) return;
        if (i >= list.size()) {
            then.run();
            return;
        }
        Runnable next = () -> runList(list, i + 1, then);
        perform(list, i, next);
    }

    private void perform(List<Action> list, int i, Runnable next) {
        Action a = list.get(i);
        Instant at = host.scheduler().now();
        if (a instanceof Action.Command c) {
            if (command(c, at)) next.run();
        } else if (a instanceof Action.Scene s) {
            for (Action c : s.commands()) {
                if (!(c instanceof Action.Command one ? command(one, at) : targeted((TargetCommand) c, at))) return;
            }
            next.run();
        } else if (a instanceof TargetCommand t) {
            if (targeted(t, at)) next.run();
        } else if (a instanceof Action.Publish p) {
            publish(p, at, next);
        } else if (a instanceof Action.Delay d) {
            delay(d, list == automation.actions() ? i : -1, at, next);
        } else if (a instanceof Action.Wait w) {
            waitFor(w, at, next);
        } else if (a instanceof Action.If f) {
            boolean yes = branch(f.conditions(), "if");
            runList(yes ? f.then() : f.otherwise(), 0, next);
        } else if (a instanceof Action.Choose c) {
            choose(c, next);
        } else if (a instanceof Action.Repeat r) {
            repeat(r, 0, at, next);
        } else if (a instanceof Action.SetEnabled e) {
            if (host.setEnabled(e.automation(), e.enabled())) {
                step(a.describe(), "ok", at);
                next.run();
            } else {
                fail(a.describe(), "no automation '" + e.automation() + "'", at);
            }
        } else if (a instanceof NotifyAction || a instanceof HttpAction) {
            dispatch(a, at);
            next.run();
        } else if (a instanceof Action.Log l) {
            Expr.Result r = l.message().evaluate(vars());
            host.log(automation.id(), l.level(), r.value().isPresent() ? r.text() : l.message() + " (error: " + r.error() + ")");
            step("log " + (r.value().isPresent() ? r.text() : l.message()), "ok", at);
            next.run();
        } else {
            Action.Stop s = (Action.Stop) a;
            step(a.describe(), "ok", at);
            finish(s.error() ? AutomationRun.Outcome.FAILED : AutomationRun.Outcome.STOPPED);
        }
    }

    private boolean command(Action.Command c, Instant at) {
        Optional<Map<String, Value>> set = values(c.set(), c, at);
        if (set.isEmpty()) return false;
        host.command(automation.id(), c.device(), set.get());
        step(host.stepTexts().command(c, set.get()), "ok", at);
        return true;
    }

    /** To the devices a room, kind or group names now: one step naming each device sent to and each left out. */
    private boolean targeted(TargetCommand t, Instant at) {
        Optional<Map<String, Value>> set = values(t.set(), t, at);
        if (set.isEmpty()) return false;
        TargetedCommands.Plan plan = TargetedCommands.plan(t.target(), host.devices(), set.get());
        plan.commands().forEach((device, values) -> host.command(automation.id(), device, values));
        step(plan.text(), "ok", at);
        return true;
    }

    /**
     * The command's values, its expressions evaluated; empty (and the run failed) if one cannot be. The action's text
     * is built only then: a run that succeeds has its own step text.
     */
    private Optional<Map<String, Value>> values(Map<String, Template> templates, Action action, Instant at) {
        // In the command's order (its attribute names sorted), so the step reads as it always did.
        Map<String, Value> set = new LinkedHashMap<>();
        for (Map.Entry<String, Template> e : templates.entrySet()) {
            if (e.getValue().constant().isPresent()) {
                // Most commands are constants: no facts, no evaluation, no round trip through plain Java values.
                set.put(e.getKey(), e.getValue().constant().get());
                continue;
            }
            Expr.Result r = e.getValue().evaluate(vars());
            Optional<Value> v = r.asValue();
            if (v.isEmpty()) {
                fail(action.describe(), e.getKey() + ": " + (r.value().isPresent() ? "not a value: " + r.text() : r.error()), at);
                return Optional.empty();
            }
            set.put(e.getKey(), v.get());
        }
        return Optional.of(set);
    }

    private void publish(Action.Publish p, Instant at, Runnable next) {
        Expr.Result r = p.payload().evaluate(vars());
        if (r.value().isEmpty()) {
            fail(p.describe(), r.error(), at);
            return;
        }
        host.publish(automation.id(), p, r.text());
        step(p.describe(), "ok", at);
        next.run();
    }

    /** Hands the rendered notification or call over and goes on: its delivery never holds up or fails the run. */
    private void dispatch(Action a, Instant at) {
        Dispatching.Rendered r = Dispatching.render(a, vars());
        if (r.request().isEmpty()) {
            step(a.describe(), "failed: " + r.error(), at);
            return;
        }
        host.dispatch(new Dispatch(automation.id(), started, r.request().get()));
        step(r.request().get().describe(), "queued for delivery", at);
    }

    private void delay(Action.Delay d, int topLevelIndex, Instant at, Runnable next) {
        host.delayStarted(this, topLevelIndex, at.plus(d.duration()), EngineJournal.PendingTimer.Kind.DELAY);
        pending = host.scheduler().schedule(d.duration(), () -> {
            pending = null;
            host.delayEnded(this);
            step(d.describe(), "ok", at);
            next.run();
        });
    }

    private void waitFor(Action.Wait w, Instant at, Runnable next) {
        if (w.condition().isPresent()) {
            Condition.Check now = w.condition().get().check(host.facts(variables));
            if (now.passed()) {
                variables.waitTimedOut(false);
                step(w.describe(), "ok at once: " + now.text(), at);
                next.run();
                return;
            }
        }
        waiting = new WaitStep(this, w, host, timedOut -> {
            waiting = null;
            variables.waitTimedOut(timedOut);
            step(w.describe(), timedOut ? "timed out" : "ok", at);
            if (!timedOut || w.continueOnTimeout()) next.run();
            else finish(AutomationRun.Outcome.STOPPED);
        });
        waiting.start(at);
    }

    private boolean branch(List<Condition> conditions, String what) {
        Condition.Check check = Condition.all(conditions, host.facts(variables));
        details.add(what + " " + (check.passed() ? "passed: " : "failed: ") + check.text());
        return check.passed();
    }

    private void choose(Action.Choose c, Runnable next) {
        for (int b = 0; b < c.branches().size(); b++) {
            if (branch(c.branches().get(b).conditions(), "choose branch " + (b + 1))) {
                runList(c.branches().get(b).actions(), 0, next);
                return;
            }
        }
        runList(c.otherwise(), 0, next);
    }

    private void repeat(Action.Repeat r, int iteration, Instant at, Runnable next) {
        if (done) return;
        if (iteration >= Action.Repeat.MAX_ITERATIONS) {
            fail(r.describe(), "stopped after " + Action.Repeat.MAX_ITERATIONS + " iterations", at);
            return;
        }
        boolean more = r.count().map(n -> iteration < n)
                .orElseGet(() -> r.whileTrue().isEmpty() || branch(r.whileTrue(), "repeat while"));
        if (!more) {
            step(r.describe(), "ok after " + iteration + " iterations", at);
            next.run();
            return;
        }
        runList(r.actions(), 0, () -> {
            if (!r.until().isEmpty() && branch(r.until(), "repeat until")) {
                step(r.describe(), "ok after " + (iteration + 1) + " iterations", at);
                next.run();
            } else {
                repeat(r, iteration + 1, at, next);
            }
        });
    }

    private void step(String action, String outcome, Instant at) {
        steps.add(new AutomationRun.Step(action, outcome, at, Duration.between(at, host.scheduler().now()).toMillis()));
    }

    private void fail(String action, String why, Instant at) {
        step(action, "failed: " + why, at);
        finish(AutomationRun.Outcome.FAILED);
    }

    private void finish(AutomationRun.Outcome outcome) {
        if (done) return;
        done = true;
        host.finished(this, new AutomationRun(automation.id(), started, trigger, outcome, details, steps, host.scheduler().now()));
    }
}
