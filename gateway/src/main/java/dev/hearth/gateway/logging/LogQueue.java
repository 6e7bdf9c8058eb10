package dev.hearth.gateway.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The running gateway's console behind a bounded queue and one writer thread (logback's {@link AsyncAppender}): a thread
 * that logs (the event loop, Paho's threads) never waits for the output. When the output blocks (a stalled journald, a
 * paused {@code hearth run | less}) and the queue is full, a line is dropped and counted, whatever its level; once the
 * output flows again the writer writes one WARN saying how many, where the lines are missing ({@link DroppedLines}).
 * The CLI's other commands keep the plain console, so their output and their log lines stay in order.
 */
public final class LogQueue extends AsyncAppender {
    /**
     * Lines that may wait: this many in the queue and as many again taken by the writer (it takes them in batches). A
     * waiting line is its event, ~0.3 KiB, ~6 KiB with a stack trace of 40 frames (measured): 0.15 MiB, at worst (every
     * line with a trace) 3-6 MiB of the launcher's 64 MiB heap. With the pipe's own 64 KiB (~400 lines) that is ~900
     * lines before one is dropped, more than a start or a reconnect logs at once.
     */
    static final int QUEUE_SIZE = 256;
    /** How long the exit waits for the queue to be written: plenty when the output flows, a short delay when it is blocked. */
    static final Duration FLUSH_TIME = Duration.ofSeconds(1);
    static final String NAME = "QUEUE";

    private final DroppedLines dropped = new DroppedLines();
    private final Appender<ILoggingEvent> console;
    private final Writer writer = new Writer();
    private final Logger own;
    /** The newest line queued; guarded by {@link #dropped}. */
    private ILoggingEvent lastQueued;
    /** Every line dropped since the queue started, for {@code /metrics}; written under {@link #dropped}. */
    private volatile long droppedTotal;

    LogQueue(LoggerContext context, Appender<ILoggingEvent> console, int queueSize) {
        this.console = console;
        this.own = context.getLogger(LogQueue.class);
        setContext(context);
        setName(NAME);
        setQueueSize(queueSize);
        // Every level waits alike: logback's default drops INFO and below, uncounted, once the queue is 80 % full.
        setDiscardingThreshold(0);
        setNeverBlock(true);
        setMaxFlushTime((int) FLUSH_TIME.toMillis());
        writer.setContext(context);
        writer.setName("WRITER");
        writer.start();
        addAppender(writer);
    }

    /** Puts the root logger's console behind a queue. Nothing changes when the user's logback file configures logging. */
    public static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(LoggingDefaults.CONSOLE) instanceof ConsoleAppender<ILoggingEvent> console)) return;
        LogQueue queue = new LogQueue(context, console, QUEUE_SIZE);
        queue.start();
        root.addAppender(queue);
        root.detachAppender(console);
    }

    /**
     * On the way out: writes what is queued, waiting at most {@link #FLUSH_TIME}, after which the console writes directly
     * again (lines logged later, by other shutdown hooks, are not lost). With the output still blocked it stays as it is.
     */
    public static void drain() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) instanceof LogQueue queue) queue.drainInto(root);
    }

    void drainInto(Logger root) {
        stop();
        // the writer stops its appender once it has written the queue; still started, it is blocked on the output
        if (writer.isStarted()) return;
        root.addAppender(console);
        root.detachAppender(this);
    }

    /** Lines the running gateway's queue dropped since it was installed; 0 without it (a user's logback file). */
    public static long droppedLines() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return 0;
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(NAME) instanceof LogQueue queue ? queue.droppedTotal : 0;
    }

    /** Lines dropped and not yet reported. */
    long droppedPending() {
        return dropped.pending();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // Outside the lock: formats the message and copies the MDC (the queue's own step then finds it done).
        event.prepareForDeferredProcessing();
        synchronized (dropped) {
            // Under the lock nothing else is queued and the writer only takes: a place free now is free at the offer.
            if (getRemainingCapacity() == 0) {
                dropped.count(event.getLevel(), lastQueued);
                droppedTotal++;
                return;
            }
            super.append(event);
            lastQueued = event;
        }
    }

    /** The writer thread's one appender: the console, then the report of the lines dropped after this one. */
    private final class Writer extends UnsynchronizedAppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            console.doAppend(event);
            dropped.reportAfter(event).ifPresent(report ->
                    console.doAppend(new LoggingEvent(LogQueue.class.getName(), own, Level.WARN, report, null, null)));
        }
    }
}
