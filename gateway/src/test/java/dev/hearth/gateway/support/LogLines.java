package dev.hearth.gateway.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** The lines one logger writes while open, for tests that assert what a person would read. */
public final class LogLines implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level levelBefore;

    private LogLines(Logger logger, Level level) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        if (level != null) logger.setLevel(level);
        appender.start();
        logger.addAppender(appender);
    }

    public static LogLines of(Class<?> type) {
        return of(type.getName());
    }

    public static LogLines of(String name) {
        return new LogLines((Logger) LoggerFactory.getLogger(name), null);
    }

    /** Also the lines below the configured level, down to {@code level}, while open. */
    public static LogLines of(String name, Level level) {
        return new LogLines((Logger) LoggerFactory.getLogger(name), level);
    }

    /** Every line so far, as "LEVEL message". */
    public List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** The lines at {@code level} or above. */
    public List<String> atLeast(Level level) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(level))
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(levelBefore);
    }
}
