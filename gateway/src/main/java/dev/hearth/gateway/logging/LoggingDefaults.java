package dev.hearth.gateway.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gateway's logging, configured in Java (found by logback through {@code META-INF/services}).
 * Logback's XML configurator (Joran) loads ~600 classes to parse a 20-line file on every start;
 * this does the same in a few. A {@code -Dlogback.configurationFile=…} given by the user still wins:
 * then this steps aside and logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingDefaults extends ContextAwareBase implements Configurator {
    /** Under journald (JOURNAL_STREAM set), which stamps every line with its date: the time of day only. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %-24logger{0} %msg%n%ex";
    /** Elsewhere (a terminal, a file): ISO 8601 date and time with the offset. */
    static final String DATED_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %-24logger{0} %msg%n%ex";
    static final String CONSOLE = "CONSOLE";

    /**
     * hearth.state / hearth.automation: a line per device state change and per automation run, DEBUG
     * (a sensor sending 100 messages a second would write 100 lines a second; runs keep their traces,
     * failed runs log at WARN). The demo turns both on. The embedded broker and the network stack are
     * chatty: their warnings still show.
     */
    static final Map<String, Level> LEVELS = Map.of(
            "hearth.state", Level.INFO,
            "hearth.automation", Level.INFO,
            "com.hivemq", Level.WARN,
            "io.netty", Level.WARN,
            "jetbrains.exodus", Level.WARN,
            "migrations", Level.WARN,
            "org.eclipse.paho", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, System.getenv());
    }

    ExecutionStatus configure(LoggerContext context, Map<String, String> env) {
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        safeMessages(context);
        root.addAppender(console(context, text(context, env.containsKey("JOURNAL_STREAM") ? PATTERN : DATED_PATTERN)));
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Every pattern in this context writes the message through {@link SafeMessageConverter} and a stack trace through
     * {@link SafeThrowableConverter}: outside data (device values, topics, paths, exception messages) is escaped and cut
     * wherever it is logged. The patterns name {@code %ex}: logback's own, added when a pattern has none, would not be ours.
     */
    private static void safeMessages(LoggerContext context) {
        Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
        for (String word : List.of("m", "msg", "message")) rules.put(word, SafeMessageConverter::new);
        for (String word : List.of("ex", "exception", "throwable")) rules.put(word, SafeThrowableConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
    }

    /**
     * Switches the console to {@code format} once gateway.yaml is read (logging starts before it is): JSON through
     * logback's own encoder, an object a line. Nothing changes when the user's logback file configures logging.
     */
    public static void use(LogFormat format) {
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        if (!(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE) instanceof ConsoleAppender<ILoggingEvent> console)) return;
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.start();
        console.stop();
        console.setEncoder(json);
        console.start();
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE);
        console.setEncoder(encoder);
        console.start();
        return console;
    }
}
