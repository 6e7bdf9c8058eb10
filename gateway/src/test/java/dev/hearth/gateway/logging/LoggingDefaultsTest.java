package dev.hearth.gateway.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingDefaultsTest {

    @Test
    void logbackFindsTheJavaConfigurationInsteadOfAnXmlFile() {
        LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();

        List<String> statuses = running.getStatusManager().getCopyOfStatusList().stream().map(Status::getMessage).toList();

        assertThat(statuses).anyMatch(m -> m.contains(LoggingDefaults.class.getName()));
        assertThat(statuses).noneMatch(m -> m.contains("DefaultJoranConfigurator"));
        assertThat(running.getLogger("hearth.state").getLevel()).isEqualTo(Level.INFO);
        assertThat(running.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNotNull();
    }

    @Test
    void infoToTheConsoleWithStateChangesRunsAndChattyLibrariesQuieter() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = configure(context);

        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("hearth.state").isDebugEnabled()).isFalse();
        assertThat(context.getLogger("hearth.automation").isDebugEnabled()).isFalse();
        assertThat(context.getLogger("io.netty.channel").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("com.hivemq.persistence").isWarnEnabled()).isTrue();
        assertThat(context.getLogger("org.eclipse.paho.mqttv5.client").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("dev.hearth.gateway.Gateway").isInfoEnabled()).isTrue();
    }

    @Test
    void linesHaveTimeLevelShortLoggerNameAndMessage() {
        LoggerContext context = new LoggerContext();
        configure(context);
        ch.qos.logback.classic.Logger logger = context.getLogger("dev.hearth.gateway.Gateway");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "Hearth gateway started", null, null);
        event.setTimeStamp(LocalDateTime.of(2026, 11, 29, 21, 13, 35, 829_000_000).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());

        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");

        assertThat(new String(console.getEncoder().encode(event), StandardCharsets.UTF_8))
                .isEqualTo("21:13:35.829 INFO  Gateway                  Hearth gateway started" + System.lineSeparator());
    }

    @Test
    void aConfigurationFileGivenByTheUserWins() {
        LoggerContext context = new LoggerContext();
        String before = System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, "/etc/hearth/logback.xml");
        try {
            assertThat(configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        } finally {
            if (before == null) System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
            else System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, before);
        }
    }

    /** Configured as under journald (the service), whose lines carry the time of day only. */
    private static ExecutionStatus configure(LoggerContext context) {
        return configure(context, Map.of("JOURNAL_STREAM", "8:12345"));
    }

    private static ExecutionStatus configure(LoggerContext context, Map<String, String> env) {
        LoggingDefaults defaults = new LoggingDefaults();
        defaults.setContext(context);
        return defaults.configure(context, env);
    }

    @Test
    void withoutJournaldLinesStartWithTheIso8601DateAndTime() {
        LoggerContext context = new LoggerContext();
        configure(context, Map.of());

        assertThat(line(context, LocalDateTime.of(2026, 11, 29, 21, 13, 35, 829_000_000)))
                .matches("2026-11-29T21:13:35\\.829(Z|[+-]\\d\\d:\\d\\d) INFO  Gateway                  Hearth gateway started\\R");
    }

    @Test
    void jsonFormatWritesAnObjectALineThroughLogbacksEncoder() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        var before = console.getEncoder();
        try {
            LoggingDefaults.use(LogFormat.JSON);

            String json = line(context, LocalDateTime.of(2026, 11, 29, 21, 13, 35, 829_000_000));
            assertThat(json).startsWith("{").contains("\"level\":\"INFO\"", "\"loggerName\":\"dev.hearth.gateway.Gateway\"",
                    "\"message\":\"Hearth gateway started\"").endsWith("}" + System.lineSeparator());
        } finally {
            console.stop();
            console.setEncoder(before);
            console.start();
        }
    }

    private static String line(LoggerContext context, LocalDateTime at) {
        ch.qos.logback.classic.Logger logger = context.getLogger("dev.hearth.gateway.Gateway");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "Hearth gateway started", null, null);
        event.setTimeStamp(at.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
    }
}
