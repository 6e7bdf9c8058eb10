package dev.hearth.gateway.watchdog;

import io.vertx.core.Context;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether an event loop still turns, measured from outside it: each check posts a small task to the loop
 * unless the previous one is still waiting; a task waiting longer than {@code stallAfter} means the loop is
 * blocked (a long computation, a deadlock, a thread dead of heap exhaustion). A loop that is merely busy
 * answers within milliseconds.
 */
public final class LoopProbe implements Watched {
    private final String name;
    private final Context loop;
    private final LongSupplier nanos;
    private final long stallAfterNanos;
    /** When the waiting probe was posted; 0 when none waits. Written by the watchdog and the loop. */
    private volatile long postedAt;

    public LoopProbe(String name, Context loop, LongSupplier nanos, Duration stallAfter) {
        this.name = name;
        this.loop = loop;
        this.nanos = nanos;
        this.stallAfterNanos = stallAfter.toNanos();
    }

    @Override
    public Optional<String> problem(long nowNanos) {
        long posted = postedAt;
        if (posted == 0) {
            postedAt = nowNanos;
            loop.runOnContext(v -> postedAt = 0);
            return Optional.empty();
        }
        long waiting = nowNanos - posted;
        return waiting < stallAfterNanos ? Optional.empty()
                : Optional.of("event loop " + name + " blocked for " + Duration.ofNanos(waiting).toSeconds() + " s");
    }
}
