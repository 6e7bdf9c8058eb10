package dev.hearth.gateway.helper;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceState;
import dev.hearth.gateway.device.Value;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.hearth.gateway.device.AttributeSpec.number;
import static dev.hearth.gateway.device.AttributeSpec.options;
import static dev.hearth.gateway.device.AttributeSpec.text;

/**
 * A countdown ({@code timer}): {@code action: start} (with an optional {@code duration} in seconds), {@code pause},
 * {@code cancel}. Its {@code state} goes idle → active → (paused →) finished; the change to {@code finished} is the
 * event automations wait for. {@code finishes_at} is saved like any value, so after a restart the countdown goes on
 * (and one that ran out meanwhile finishes at once).
 */
public record Timer(Common common, Duration duration) implements Helper {
    public static final String IDLE = "idle", ACTIVE = "active", PAUSED = "paused", FINISHED = "finished";
    public static final String START = "start", PAUSE = "pause", CANCEL = "cancel";
    public static final String DURATION = "duration", REMAINING = "remaining", FINISHES_AT = "finishes_at";
    /** A timer runs at most 31 days: longer is a calendar's job. */
    static final double MAX_SECONDS = 31 * 24 * 3600;

    public Timer {
        if (duration.isNegative() || duration.isZero() || duration.toSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("a timer's duration must be from 1s to 31 days");
        }
    }

    @Override
    public Map<String, AttributeSpec> attributes() {
        return Map.of(
                STATE, options(STATE, IDLE, ACTIVE, PAUSED, FINISHED),
                ACTION, options(ACTION, START, PAUSE, CANCEL).writeOnly(),
                DURATION, number(DURATION, "s", 1, MAX_SECONDS).settable(),
                REMAINING, number(REMAINING, "s", 0, MAX_SECONDS),
                FINISHES_AT, text(FINISHES_AT));
    }

    @Override
    public Map<String, Value> initial() {
        return Map.of(STATE, Value.of(IDLE), DURATION, Value.of(duration.toSeconds()), REMAINING, Value.of(0),
                FINISHES_AT, Value.of(""));
    }

    @Override
    public String type() {
        return "timer";
    }

    @Override
    public Map<String, Value> apply(Map<String, Value> command, DeviceState current, Instant now) {
        Helper.onlyKnown(this, command);
        Optional<Double> given = command.containsKey(DURATION)
                ? Optional.of(((Value.Number) Helper.accepted(this, command, DURATION)).value()) : Optional.empty();
        Optional<String> action = command.containsKey(ACTION) ? Optional.of(Helper.accepted(this, command, ACTION).toString()) : Optional.empty();
        Map<String, Value> out = new HashMap<>();
        given.ifPresent(d -> out.put(DURATION, Value.of(d)));
        if (action.isEmpty()) return out;
        String state = current.value(STATE).map(Value::toString).orElse(IDLE);
        switch (action.get()) {
            case START -> {
                double seconds = given.orElseGet(() -> state.equals(PAUSED) ? remaining(current) : configured(current));
                out.putAll(running(now, seconds));
            }
            case PAUSE -> {
                if (state.equals(ACTIVE)) out.putAll(stopped(PAUSED, secondsLeft(current, now)));
            }
            default -> {
                if (!state.equals(IDLE)) out.putAll(stopped(IDLE, 0));
            }
        }
        return out;
    }

    /** The values when the countdown has run out. */
    Map<String, Value> finished() {
        return stopped(FINISHED, 0);
    }

    /** When an active timer runs out, from its saved values; empty when it is not active (or nothing was saved). */
    static Optional<Instant> finishesAt(DeviceState current) {
        if (!current.value(STATE).map(v -> v.toString().equals(ACTIVE)).orElse(false)) return Optional.empty();
        try {
            return current.value(FINISHES_AT).map(Value::toString).filter(t -> !t.isEmpty()).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Value> running(Instant now, double seconds) {
        Instant end = now.plusMillis(Math.round(seconds * 1000));
        return Map.of(STATE, Value.of(ACTIVE), REMAINING, Value.of(seconds), FINISHES_AT, Value.of(end.toString()));
    }

    private static Map<String, Value> stopped(String state, double remaining) {
        return Map.of(STATE, Value.of(state), REMAINING, Value.of(remaining), FINISHES_AT, Value.of(""));
    }

    private double configured(DeviceState current) {
        return current.value(DURATION).map(v -> ((Value.Number) v).value()).orElse((double) duration.toSeconds());
    }

    private double remaining(DeviceState current) {
        return current.value(REMAINING).map(v -> ((Value.Number) v).value()).filter(r -> r > 0).orElseGet(() -> configured(current));
    }

    private static double secondsLeft(DeviceState current, Instant now) {
        long millis = finishesAt(current).map(end -> Duration.between(now, end).toMillis()).orElse(0L);
        return Math.max(0, millis) / 1000.0;
    }
}
