package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What starts an automation. Each kind is one file holding its record, how it is read ({@code KIND}: its YAML keys),
 * where the engine files it ({@link #key()}) and what it makes of an event ({@link #react}). Adding a kind: that
 * file, its name in a {@code permits} list here (this one, or that of {@link Watching} or {@link Scheduled}) and its
 * {@code KIND} in {@link TriggerKinds}.
 */
public sealed interface Trigger permits Trigger.Watching, Trigger.Scheduled, MqttTrigger, AvailabilityTrigger, SilentTrigger,
        GatewayTrigger, CommandFailedTrigger, EventTrigger {

    String describe();

    /** Where the engine files the trigger: it is offered the events whose {@link TriggerEvent#key()} equals this. */
    Object key();

    /** What the trigger makes of an event filed under its key. */
    Reaction react(TriggerEvent event);

    enum Reaction {
        NONE,
        /** The automation runs, or, when {@link #holdFor()} is not zero, its hold starts. */
        FIRE,
        /** A pending hold ends without a run: the state changed back. */
        INTERRUPT,
        /** The hold starts again from now (a silent device was heard). */
        RESTART
    }

    /** Whether a {@code wait} for this trigger ends at {@code event}: every waiting trigger is offered every event. */
    default boolean ends(TriggerEvent event) {
        return key().equals(event.key()) && react(event) == Reaction.FIRE;
    }

    /** How long the matching state must hold before the automation runs; zero runs at once. */
    default Duration holdFor() {
        return Duration.ZERO;
    }

    /** What arming the triggers (at start-up, or a reloaded automation) counts as for this trigger, if anything. */
    default Optional<TriggerEvent> atArming() {
        return Optional.empty();
    }

    /**
     * Whether a trigger that fired (or whose hold ended) may start its run given the state of the home now: a trigger
     * on every member of a group ({@link AllMembersTrigger}) waits for the others.
     */
    default boolean admits(StateView states) {
        return true;
    }

    /** For a hold restored after a restart: empty if its state still holds now, else what the state is. */
    default Optional<String> stillHolds(StateView states) {
        return Optional.of("not a state trigger");
    }

    /** Triggers that watch one device attribute, optionally until it has held for a while. */
    sealed interface Watching extends Trigger permits StateTrigger, NumericTrigger, AllMembersTrigger {
        AttributeRef watches();

        /** The same trigger on the same attribute of another device: a group's members each get one. */
        Watching on(DeviceId device);

        /** Whether this change is the transition the trigger waits for. */
        boolean firesOn(TriggerEvent.StateChange change);

        /** Whether {@code current} still satisfies the trigger, for {@link #holdFor()}. */
        boolean holds(Value current);

        @Override
        default Object key() {
            return watches();
        }

        @Override
        default Reaction react(TriggerEvent event) {
            TriggerEvent.StateChange change = (TriggerEvent.StateChange) event;
            if (!holds(change.change().value())) return Reaction.INTERRUPT;
            return firesOn(change) ? Reaction.FIRE : Reaction.NONE;
        }

        @Override
        default Optional<String> stillHolds(StateView states) {
            Optional<Value> now = states.value(watches().device(), watches().attribute());
            return now.isPresent() && holds(now.get()) ? Optional.empty()
                    : Optional.of(watches() + " is now " + now.map(Value::toString).orElse("unknown"));
        }
    }

    /** Triggers fired by the clock: each is armed with a timer to its next moment, and is offered no events. */
    sealed interface Scheduled extends Trigger permits TimeTrigger, CronTrigger, SunTrigger, IntervalTrigger {
        /** The next moment strictly after {@code after}, in the home's zone; empty if there is none in years. */
        Optional<Instant> next(Instant after, ZoneId zone, SunClock sun);

        /** Whether a moment can pass while the gateway is down ({@code on_missed}); an interval counts from arming. */
        default boolean missable() {
            return true;
        }

        @Override
        default Object key() {
            return Scheduled.class;
        }

        @Override
        default Reaction react(TriggerEvent event) {
            return Reaction.NONE;
        }
    }

    /** " for 5m", or nothing for zero: the end of a description. */
    static String hold(Duration d) {
        return d.isZero() ? "" : " for " + dev.hearth.gateway.yaml.Durations.format(d);
    }
}
