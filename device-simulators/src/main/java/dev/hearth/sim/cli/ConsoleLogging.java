package dev.hearth.sim.cli;

import org.slf4j.LoggerFactory;

/** The CLI's console shows our INFO lines only; libraries stay at WARN. */
final class ConsoleLogging {
    private ConsoleLogging() {
    }

    static void configure() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext) {
            level(org.slf4j.Logger.ROOT_LOGGER_NAME, ch.qos.logback.classic.Level.WARN);
            level("dev.hearth", ch.qos.logback.classic.Level.INFO);
        }
    }

    private static void level(String logger, ch.qos.logback.classic.Level level) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(level);
    }
}
