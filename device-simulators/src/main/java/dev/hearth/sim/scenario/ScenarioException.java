package dev.hearth.sim.scenario;

/** A mistake in a scenario file; the message starts with file:line:column and is meant for the user as is. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message, null, false, false);
    }
}
