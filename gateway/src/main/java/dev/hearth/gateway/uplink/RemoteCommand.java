package dev.hearth.gateway.uplink;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a remote command's topic asks for: a device command, an automation's enable, disable or run, or nothing the
 * gateway knows ({@link Unreadable}, with why).
 */
public sealed interface RemoteCommand {

    /** What to do with an automation; the same three the HTTP API offers. */
    enum Action {
        ENABLE, DISABLE, RUN;

        static Optional<Action> named(String name) {
            return Arrays.stream(values()).filter(a -> a.name().toLowerCase(Locale.ROOT).equals(name)).findFirst();
        }
    }

    /** Set attributes of a device; the payload is the HTTP API's body, {@code {"set": {...}}}. */
    record Device(String device) implements RemoteCommand {
    }

    record Automation(String automation, Action action) implements RemoteCommand {
    }

    record Unreadable(String why) implements RemoteCommand {
    }
}
