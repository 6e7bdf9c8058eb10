package dev.hearth.gateway.watchdog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the threads the gateway cannot live without (its event loop, the MQTT link's receiver) from a
 * thread of its own. While one is stuck, {@link #problem()} says which (and {@code /health} answers 503 with
 * it); once that has lasted {@code exitAfter}, the process exits with {@link #EXIT_STUCK} so that the
 * service manager restarts it ({@code Restart=on-failure}): a gateway that looks alive but does nothing is
 * worse than a restart. It logs through a thread of its own: a stuck loop often holds the log (a line it cannot
 * write to a full pipe or a hung journald), and the watchdog must reach the exit all the same.
 */
public final class Watchdog implements AutoCloseable {
    /** The exit status of a gateway that stopped itself because a critical thread was stuck (EX_SOFTWARE). */
    public static final int EXIT_STUCK = 70;
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final Duration HALT_AFTER = Duration.ofSeconds(30);

    /** How often to check, how long an event loop may block, and how long a problem may last before the exit. */
    public record Settings(Duration period, Duration stallAfter, Duration exitAfter) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60));

        /** How long a clean shutdown may take before the process halts: no longer than the problem was tolerated. */
        public Duration haltAfter() {
            return exitAfter.compareTo(HALT_AFTER) < 0 ? exitAfter : HALT_AFTER;
        }
    }

    private final List<Watched> watched;
    private final Settings settings;
    private final LongSupplier nanos;
    private final IntConsumer exit;
    /** One thread at most, gone when idle. */
    private final ExecutorService logging = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> daemonThread("hearth-watchdog-log", r));
    private volatile Optional<String> problem = Optional.empty();
    /** When the current problem was first seen; 0 while all is well. Watchdog thread only. */
    private long failingSince;
    private boolean exited;
    private ScheduledExecutorService thread;

    public Watchdog(List<Watched> watched, Settings settings, LongSupplier nanos, IntConsumer exit) {
        this.watched = List.copyOf(watched);
        this.settings = settings;
        this.nanos = nanos;
        this.exit = exit;
    }

    /** Checks every {@link Settings#period} on a daemon thread of its own. */
    public Watchdog start() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> daemonThread("hearth-watchdog", r));
        long period = settings.period().toMillis();
        thread.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** What is stuck now, if anything; readable from any thread. */
    public Optional<String> problem() {
        return problem;
    }

    /** One round: asks every watched part, logs a change, and exits once a problem has lasted too long. */
    void check() {
        long now = nanos.getAsLong();
        Optional<String> found = watched.stream().map(w -> w.problem(now)).flatMap(Optional::stream).findFirst();
        if (found.isEmpty()) {
            if (failingSince != 0) logging.execute(() -> log.info("Watchdog: all watched threads run again"));
            failingSince = 0;
        } else if (failingSince == 0) {
            failingSince = now;
            String problemNow = found.get();
            logging.execute(() -> log.error("Watchdog: {}; the gateway exits if this lasts {} s", problemNow, settings.exitAfter().toSeconds()));
        } else if (now - failingSince >= settings.exitAfter().toNanos() && !exited) {
            exited = true;
            String problemNow = found.get();
            long lasted = Duration.ofNanos(now - failingSince).toSeconds();
            logging.execute(() -> log.error("Watchdog: {} for {} s; exiting with status {} so that the service manager restarts the gateway",
                    problemNow, lasted, EXIT_STUCK));
            exit.accept(EXIT_STUCK);
        }
        problem = found;
    }

    /**
     * Exits the JVM with {@code status}: shutdown hooks get their chance to stop the gateway cleanly, but the stuck
     * thread may hold them up, so the process halts after {@code haltAfter} regardless ({@link Settings#haltAfter}).
     */
    public static void exitProcess(int status, Duration haltAfter) {
        daemon("hearth-halt", () -> {
            LockSupport.parkNanos(haltAfter.toNanos());
            Runtime.getRuntime().halt(status);
        });
        daemon("hearth-exit", () -> System.exit(status));
    }

    private static void daemon(String name, Runnable body) {
        daemonThread(name, body).start();
    }

    private static Thread daemonThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        if (thread != null) thread.shutdownNow();
        logging.shutdown();
    }
}
