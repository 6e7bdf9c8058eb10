package dev.hearth.gateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14, item 17: outside data in a log line can neither forge lines, nor colour the terminal, nor fill the disk. */
class LogInjectionTest {

    @Test
    void aDeviceValueWithNewlinesAndAnsiEscapesStaysOneVisibleLine() {
        String value = "42\nERROR Gateway FORGED: admin token is 1234\r\u001b[31mred\u001b[0m\u0085\u2028";

        String line = line("{}: {}", "hallway_log", value);

        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("hallway_log: 42\\nERROR Gateway FORGED: admin token is 1234\\r\\u001b[31mred\\u001b[0m\\u0085\\u2028")
                .doesNotContain("\u001b").doesNotContain("\r");
    }

    @Test
    void aLongValueIsCut() {
        String value = "x".repeat(61_440);

        String line = line("{}: {}", "hallway_log", value);

        assertThat(line).isEqualTo("INFO  hallway_log: " + "x".repeat(SafeText.MAX_VALUE) + "…(61240 more)" + System.lineSeparator());
    }

    @Test
    void textBuiltByConcatenationIsEscapedAndCutToo() {
        String message = "no such API: GET /a\nERROR forged" + "y".repeat(5_000);

        String line = line(message);

        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("/a\\nERROR forged").contains("…(" + (message.length() - SafeMessageConverter.MAX_MESSAGE) + " more)");
    }

    @Test
    void ordinaryMessagesAreUnchanged() {
        assertThat(line("Hearth gateway '{}' started: {} devices", "home", 4))
                .isEqualTo("INFO  Hearth gateway 'home' started: 4 devices" + System.lineSeparator());
    }

    @Test
    void anExceptionMessageOrCauseCannotForgeALineOrColourTheTerminal() {
        IllegalStateException cause = new IllegalStateException("bad payload {\"a\":1}\r\n12:00:00.000 ERROR Gateway FORGED: cause\u001b[31m");
        RuntimeException thrown = new RuntimeException("decoding failed\n12:00:00.000 ERROR Gateway FORGED: admin token is 1234", cause);
        thrown.addSuppressed(new java.io.IOException("line one\u2028line two"));

        String logged = logged("Payload rejected", thrown);

        List<String> lines = logged.lines().toList();
        assertThat(lines.get(0)).endsWith("Payload rejected");
        assertThat(lines.get(1)).startsWith("java.lang.RuntimeException: decoding failed");
        assertThat(lines.subList(2, lines.size())).as("every later line of the trace continues the event").allSatisfy(l ->
                assertThat(l).matches("(\t|Caused by: ).*"));
        assertThat(logged).contains("java.lang.RuntimeException: decoding failed\\n12:00:00.000 ERROR Gateway FORGED: admin token is 1234")
                .contains("Caused by: java.lang.IllegalStateException: bad payload {\"a\":1}\\r\\n12:00:00.000 ERROR Gateway FORGED: cause\\u001b[31m")
                .contains("Suppressed: java.io.IOException: line one\\u2028line two")
                .contains("\tat dev.hearth.gateway.logging.LogInjectionTest")
                .doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u2028");
    }

    @Test
    void aLongExceptionMessageIsCut() {
        String logged = logged("Failed", new RuntimeException("z".repeat(70_000)));

        assertThat(logged.lines().toList().get(1)).isEqualTo("java.lang.RuntimeException: " + "z".repeat(SafeMessageConverter.MAX_MESSAGE)
                + "…(" + (70_000 - SafeMessageConverter.MAX_MESSAGE) + " more)");
    }

    /** The whole event as the console writes it: its line and the stack trace below it. */
    private static String logged(String message, Throwable thrown) {
        LoggerContext context = configured();
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("dev.hearth.gateway.Gateway"), Level.ERROR, message, thrown, null);
        return new String(console(context).getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        LoggingDefaults defaults = new LoggingDefaults();
        defaults.setContext(context);
        defaults.configure(context, java.util.Map.of("JOURNAL_STREAM", "8:12345")); // lines with the time of day only
        return context;
    }

    @SuppressWarnings("unchecked")
    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        return (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
    }

    private static String line(String format, Object... args) {
        LoggerContext context = configured();
        ch.qos.logback.classic.Logger logger = context.getLogger("dev.hearth.gateway.automation.AutomationEngine");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, format, null, args);
        String encoded = new String(console(context).getEncoder().encode(event), StandardCharsets.UTF_8);
        // drop the time stamp and the logger column: the message is what matters here
        return encoded.substring(13, 19) + encoded.substring(19 + 25);
    }
}
