package dev.hearth.gateway.watchdog;

import java.util.Optional;

/** A part of the gateway whose silent death would leave a zombie: asked by the watchdog, off the event loop. */
@FunctionalInterface
public interface Watched {
    /** What is wrong at {@code nowNanos} (on the watchdog's clock), if anything; must return at once. */
    Optional<String> problem(long nowNanos);
}
