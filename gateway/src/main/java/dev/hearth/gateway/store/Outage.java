package dev.hearth.gateway.store;

import dev.hearth.gateway.logging.BoundedRate;
import org.h2.api.ErrorCode;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A time when the database file cannot be written (a full disk, an I/O error): H2 closed its store at the first
 * failed write, every session since is dead. Says so once as an ERROR naming the directory and the kernel's words,
 * then at a bounded rate with the count of refused transactions; tells when a reopen is due (after 1 s, doubling to
 * {@link #MAX_RETRY}), so retrying is never a busy loop.
 */
final class Outage {
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(5);
    static final Duration REMIND_EVERY = Duration.ofMinutes(1);
    /** Less free space than one of H2's writes (a chunk of a few pages): the file system is full. */
    private static final long FULL_BELOW = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** H2's answers once its store is gone: closed database, closed object, I/O errors. */
    private static final Set<Integer> LOST = Set.of(ErrorCode.DATABASE_IS_CLOSED, ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
            ErrorCode.OBJECT_CLOSED, ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2);

    private final Path file;
    private final Clock clock;
    private final Instant since;
    private final BoundedRate refusals = new BoundedRate(REMIND_EVERY);
    private String problem;
    private Duration retryIn = FIRST_RETRY;
    private Instant nextAttempt;
    private long total;

    private Outage(Path file, Clock clock, Throwable cause) {
        this.file = file;
        this.clock = clock;
        this.since = clock.instant();
        this.problem = describe(cause);
        this.nextAttempt = since.plus(retryIn);
    }

    /** True when {@code e} means the store is gone (every session dead), not that one statement was wrong. */
    static boolean isLost(Throwable e) {
        if (e instanceof java.sql.SQLException s && LOST.contains(s.getErrorCode())) return true;
        for (Throwable t = e; t != null; t = t.getCause()) {
            // the panic itself can reach JDBC as a general error that names H2's store exception only in its message
            if (t instanceof MVStoreException || t instanceof IOException
                    || String.valueOf(t.getMessage()).contains(MVStoreException.class.getName())) return true;
        }
        return false;
    }

    static Outage began(Path file, Clock clock, Throwable cause) {
        Outage outage = new Outage(file, clock, cause);
        log.error("Database {}: {}. The home keeps working, but nothing new is stored (device state for a restart, history,"
                + " logbook, traces, queued messages) until it can write again: free space in {} (or fix the error);"
                + " Hearth reopens the file by itself within {} s of that, no restart needed.", file, outage.problem,
                file.getParent(), MAX_RETRY.toSeconds());
        return outage;
    }

    /** What /health and every refused transaction say. */
    String problem() {
        return "database " + file + ": " + problem + " (free space in " + file.getParent() + "; it is reopened by itself then)";
    }

    /** A transaction refused without touching H2; reminds at a bounded rate how many. */
    StoreUnavailable refuse() {
        total++;
        Instant now = clock.instant();
        refusals.count(1, now).filter(t -> total > 1).ifPresent(t -> log.warn(
                "Database {} still cannot be written ({}): {} transactions refused{}, {} since {}", file, problem, t.count(), t.since(), total, since));
        return new StoreUnavailable(problem(), null);
    }

    boolean attemptDue() {
        return !clock.instant().isBefore(nextAttempt);
    }

    /**
     * False while the file system is still plainly full: a reopen then would only fail, after settling the file (a
     * scan of all of it after the unclean stop), every few seconds for as long as the disk stays full.
     */
    boolean roomAgain() {
        if (freeBytes() >= FULL_BELOW) return true;
        later();
        return false;
    }

    /** A reopen failed: try again later, up to {@link #MAX_RETRY} apart. */
    void failedAgain(Throwable cause) {
        problem = describe(cause);
        later();
    }

    private void later() {
        retryIn = retryIn.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryIn.multipliedBy(2);
        nextAttempt = clock.instant().plus(retryIn);
    }

    void ended() {
        log.info("Database {} is written again after {} s ({} transactions refused meanwhile); writing resumes.", file,
                Duration.between(since, clock.instant()).toSeconds(), total);
    }

    /**
     * The kernel's words when H2 passed them on (the deepest I/O error: "No space left on device", "File too large").
     * Its store's panic often reaches JDBC as a message only: then the file system is asked whether it is full.
     */
    private String describe(Throwable cause) {
        String words = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException io && io.getMessage() != null) words = io.getMessage();
        }
        if (words == null && freeBytes() < FULL_BELOW) words = "No space left on device (" + freeBytes() + " bytes free)";
        String h2 = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        return words != null ? "cannot write to " + file.getParent() + ": " + words : "cannot write: " + h2;
    }

    private long freeBytes() {
        try {
            return Files.getFileStore(file.getParent()).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
