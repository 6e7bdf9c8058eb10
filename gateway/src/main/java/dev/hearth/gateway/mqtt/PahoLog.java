package dev.hearth.gateway.mqtt;

import org.eclipse.paho.mqttv5.client.logging.Logger;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Paho's log through SLF4J, like every other line of the gateway. Paho builds one of these for every token (every
 * publish): its default ({@code JSR47Logger}) looks up a java.util.logging logger each time, and its fine-level calls
 * ask JUL's level every time; this one keeps nothing but the message catalog and answers levels from SLF4J.
 */
public final class PahoLog implements Logger {
    static final String NAME = "org.eclipse.paho.mqttv5.client";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NAME);

    private ResourceBundle catalog;

    /** Paho creates its loggers by reflection. */
    public PahoLog() {
    }

    /** Every Paho client of this JVM created from now on logs through SLF4J. */
    static void install() {
        LoggerFactory.setLogger(PahoLog.class.getName());
    }

    @Override
    public void initialise(ResourceBundle messageCatalog, String loggerId, String resourceName) {
        this.catalog = messageCatalog;
    }

    @Override
    public void setResourceName(String logContext) {
    }

    @Override
    public boolean isLoggable(int level) {
        return switch (level) {
            case SEVERE -> log.isErrorEnabled();
            case WARNING -> log.isWarnEnabled();
            case INFO, CONFIG -> log.isInfoEnabled();
            default -> log.isTraceEnabled();  // FINE and below: Paho's packet-by-packet trace
        };
    }

    @Override
    public void log(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        if (!isLoggable(level)) return;
        String text = sourceMethod + ": " + formatMessage(msg, inserts);
        switch (level) {
            case SEVERE -> log.error(text, thrown);
            case WARNING -> log.warn(text, thrown);
            case INFO, CONFIG -> log.info(text, thrown);
            default -> log.trace(text, thrown);
        }
    }

    @Override
    public void trace(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
        log(level, sourceClass, sourceMethod, msg, inserts, ex);
    }

    /** Paho logs catalog keys ("101") with inserts; the catalog holds the text. */
    @Override
    public String formatMessage(String msg, Object[] inserts) {
        String pattern = msg;
        if (catalog != null && msg != null) {
            try {
                pattern = catalog.getString(msg);
            } catch (MissingResourceException notAKey) {
                pattern = msg;
            }
        }
        return inserts == null || inserts.length == 0 ? pattern : MessageFormat.format(pattern, inserts);
    }

    /** SLF4J writes as it goes: there is no buffered trace to dump. */
    @Override
    public void dumpTrace() {
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg) {
        log(SEVERE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg) {
        log(WARNING, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg) {
        log(INFO, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg) {
        log(CONFIG, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg) {
        log(FINE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg) {
        log(FINER, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg) {
        log(FINEST, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, thrown);
    }
}
