package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.device.DeviceId;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What an automation does, step by step. The engine (automation.run.RunExecution) interprets them. */
public sealed interface Action permits Action.Command, Action.Publish, Action.Delay, Action.Wait, Action.If, Action.Choose,
        Action.Repeat, Action.Scene, Action.SetEnabled, Action.Log, Action.Stop, NotifyAction, HttpAction, TargetCommand {

    String describe();

    /** Set attributes of a device (validated against the device at load time); values may be expressions. */
    record Command(DeviceId device, Map<String, Template> set) implements Action {
        public Command {
            Objects.requireNonNull(device, "device");
            // Sorted by attribute name: traces list the values in this order, and a run need not sort them again.
            set = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Map.copyOf(set)));
        }

        @Override
        public String describe() {
            return "command " + device + " " + set;
        }
    }

    /** A raw MQTT message, through the same delivery path as commands. */
    record Publish(String topic, Template payload, int qos, boolean retain) implements Action {
        @Override
        public String describe() {
            return "publish " + topic;
        }
    }

    record Delay(Duration duration) implements Action {
        @Override
        public String describe() {
            return "delay " + Durations.format(duration);
        }
    }

    /**
     * Waits until a trigger fires or a condition holds, at most {@code timeout}; on timeout the run stops unless
     * {@code continueOnTimeout}. The variable {@code wait_timed_out} tells later steps which it was.
     */
    record Wait(Optional<Trigger> trigger, Optional<Condition> condition, Optional<Duration> timeout,
                boolean continueOnTimeout) implements Action {
        /** The variable a wait sets, readable by later steps. */
        public static final String TIMED_OUT = "wait_timed_out";

        public Wait {
            if (trigger.isPresent() == condition.isPresent()) throw new IllegalArgumentException("wait for a trigger or a condition");
        }

        @Override
        public String describe() {
            return "wait for " + trigger.map(Trigger::describe).orElse("condition")
                    + timeout.map(t -> " (timeout " + Durations.format(t) + ")").orElse("");
        }
    }

    record If(List<Condition> conditions, List<Action> then, List<Action> otherwise) implements Action {
        public If {
            conditions = List.copyOf(conditions);
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }

        @Override
        public String describe() {
            return "if";
        }
    }

    record Branch(List<Condition> conditions, List<Action> actions) {
        public Branch {
            conditions = List.copyOf(conditions);
            actions = List.copyOf(actions);
        }
    }

    /** Runs the first branch whose conditions all pass, else {@code otherwise}. */
    record Choose(List<Branch> branches, List<Action> otherwise) implements Action {
        public Choose {
            branches = List.copyOf(branches);
            otherwise = List.copyOf(otherwise);
        }

        @Override
        public String describe() {
            return "choose";
        }
    }

    /** {@code count} times, or while conditions hold (checked before), or until they hold (checked after). */
    record Repeat(Optional<Integer> count, List<Condition> whileTrue, List<Condition> until, List<Action> actions)
            implements Action {
        /** A loop that never ends would hold the run forever: every repeat stops here. */
        public static final int MAX_ITERATIONS = 1000;

        public Repeat {
            whileTrue = List.copyOf(whileTrue);
            until = List.copyOf(until);
            actions = List.copyOf(actions);
        }

        @Override
        public String describe() {
            return "repeat" + count.map(c -> " " + c + " times").orElse(whileTrue.isEmpty() ? " until" : " while");
        }
    }

    /** Several devices at once: each entry a {@link Command} to one device or a {@link TargetCommand} to a room, kind or group. */
    record Scene(List<Action> commands) implements Action {
        public Scene {
            commands = List.copyOf(commands);
            for (Action a : commands) {
                if (!(a instanceof Command) && !(a instanceof TargetCommand)) throw new IllegalArgumentException("not a command: " + a);
            }
        }

        @Override
        public String describe() {
            return "scene of " + commands.size() + (commands.size() == 1 ? " command" : " commands");
        }
    }

    record SetEnabled(String automation, boolean enabled) implements Action {
        @Override
        public String describe() {
            return (enabled ? "enable " : "disable ") + automation;
        }
    }

    enum Level { INFO, WARN }

    record Log(Template message, Level level) implements Action {
        @Override
        public String describe() {
            return "log";
        }
    }

    /** Ends the run here; {@code error} marks it failed rather than finished. */
    record Stop(String reason, boolean error) implements Action {
        @Override
        public String describe() {
            return "stop: " + reason;
        }
    }
}
