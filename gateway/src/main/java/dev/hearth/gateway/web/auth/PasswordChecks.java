package dev.hearth.gateway.web.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs the slow secret checks (PBKDF2, ~0.1-1 s of CPU each) on a small pool of their own, with a
 * bounded queue: sign-ins from many addresses at once cost at most {@link #THREADS} cores and never
 * delay the home's other work on the shared worker pool. Event-loop confined ({@link #pending}).
 */
final class PasswordChecks {
    static final int THREADS = 2;
    /** Each address brings at most {@link LoginThrottle#PER_ADDRESS}; this is several clients' worth. */
    static final int MAX_PENDING = 32;

    private final WorkerExecutor pool;
    private int pending;

    PasswordChecks(Vertx vertx) {
        this.pool = vertx.createSharedWorkerExecutor("hearth-password-check", THREADS);
    }

    /** The check's outcome, or empty when too many are waiting (the caller answers "busy"). */
    Optional<Future<Boolean>> submit(Callable<Boolean> check) {
        if (pending >= MAX_PENDING) return Optional.empty();
        pending++;
        return Optional.of(pool.executeBlocking(check, false).andThen(r -> pending--));
    }
}
