package dev.hearth.gateway.automation.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One automation as written in a file under automations/. {@code source} is {@code file:line}; {@code fingerprint}
 * is a digest of the automation's text: when it is unchanged, hot reload keeps the automation's timers and a
 * restart may resume its delays. {@code triggerIds} names each trigger ({@code id:}, else its position from 0, as in
 * Home Assistant): runs see it as {@code trigger.id}.
 */
public record Automation(String id, String description, boolean enabled, Mode mode, List<Trigger> triggers,
                         List<Condition> conditions, List<Action> actions, Map<String, Template> variables,
                         Missed onMissed, String source, String fingerprint, List<String> triggerIds) {

    public enum ModeKind { SINGLE, RESTART, QUEUED, PARALLEL }

    /** How runs overlap; {@code max} bounds queued or parallel runs. */
    public record Mode(ModeKind kind, int max) {
        public static final Mode SINGLE = new Mode(ModeKind.SINGLE, 1);

        public Mode {
            Objects.requireNonNull(kind, "kind");
            if (max < 1) throw new IllegalArgumentException("max must be at least 1");
        }
    }

    /** What a clock trigger does about a moment that passed while the gateway was down. */
    public record Missed(boolean run, Duration grace) {
        public static final Missed SKIP = new Missed(false, Duration.ZERO);
    }

    public Automation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(onMissed, "onMissed");
        Objects.requireNonNull(fingerprint, "fingerprint");
        triggers = List.copyOf(triggers);
        triggerIds = List.copyOf(triggerIds);
        if (triggerIds.size() != triggers.size()) throw new IllegalArgumentException(id + ": one trigger id per trigger");
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        if (triggers.isEmpty()) throw new IllegalArgumentException(id + ": needs at least one trigger");
    }

    /** The old constructor, for automations built in code: mode single, no variables, missed moments skipped. */
    public Automation(String id, String description, boolean enabled, List<Trigger> triggers, List<Condition> conditions,
                      List<Action> actions, String source) {
        this(id, description, enabled, Mode.SINGLE, triggers, conditions, actions, Map.of(), Missed.SKIP, source, "",
                positions(triggers.size()));
    }

    /** The ids of triggers without an {@code id:}: their positions, "0", "1"... */
    public static List<String> positions(int triggers) {
        return java.util.stream.IntStream.range(0, triggers).mapToObj(Integer::toString).toList();
    }

    /** The file this automation came from. */
    public String file() {
        int colon = source.lastIndexOf(':');
        return colon < 0 ? source : source.substring(0, colon);
    }
}
