package dev.hearth.gateway.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

/**
 * {@code %msg} for every line: each argument cut to {@link SafeText#MAX_VALUE} characters, and the
 * whole message (arguments and text built by concatenation alike) with its control characters escaped
 * and cut to {@link #MAX_MESSAGE}. Outside data reaches the log through arguments and concatenation at
 * many call sites; doing it here covers them all, the ones written tomorrow too.
 */
public final class SafeMessageConverter extends ClassicConverter {
    /** Longer than any message the gateway writes itself. */
    static final int MAX_MESSAGE = 2_000;

    @Override
    public String convert(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        String message = args == null || args.length == 0 || event.getMessage() == null
                ? event.getFormattedMessage()
                : MessageFormatter.basicArrayFormat(event.getMessage(), cut(args));
        return message == null ? "null" : SafeText.escape(SafeText.cut(message, MAX_MESSAGE));
    }

    private static Object[] cut(Object[] args) {
        Object[] cut = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            cut[i] = a == null || a.getClass().isArray() ? a : SafeText.cut(String.valueOf(a), SafeText.MAX_VALUE);
        }
        return cut;
    }
}
