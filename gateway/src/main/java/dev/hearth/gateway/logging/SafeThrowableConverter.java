package dev.hearth.gateway.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

import java.util.Arrays;

/**
 * {@code %ex} for every line: the stack trace as logback writes it, with each exception's message (and its causes' and
 * suppressed exceptions') escaped and cut like {@code %msg} ({@link SafeMessageConverter}). An exception message often
 * carries outside data (a payload, a topic, a file's content); a newline in it would start a forged log line. What
 * remains multi-line is the trace's own structure: every line after the first starts with a tab, {@code Caused by:}
 * or {@code Suppressed:}, never with a time stamp.
 */
public final class SafeThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return super.throwableProxyToString(new Escaped(throwable));
    }

    /** The exception with its class name and message made safe, its causes and suppressed ones too. */
    private record Escaped(IThrowableProxy original) implements IThrowableProxy {
        @Override
        public String getMessage() {
            String message = original.getMessage();
            return message == null ? null : SafeText.escape(SafeText.cut(message, SafeMessageConverter.MAX_MESSAGE));
        }

        @Override
        public String getClassName() {
            return SafeText.escape(original.getClassName());
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return original.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return original.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return original.getCause() == null ? null : new Escaped(original.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = original.getSuppressed();
            return suppressed == null ? null : Arrays.stream(suppressed).map(Escaped::new).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return original.isCyclic();
        }
    }
}
