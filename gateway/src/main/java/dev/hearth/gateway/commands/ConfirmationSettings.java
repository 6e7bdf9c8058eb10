package dev.hearth.gateway.commands;

import java.time.Duration;
import java.util.Objects;

/**
 * Closed-loop commands ({@code commands:} in gateway.yaml): how long a device has to echo a command on
 * its state topic, how often the command is sent again, and the random extra delay before each resend.
 */
public record ConfirmationSettings(boolean enabled, Duration timeout, int retries, Duration jitter) {

    public static final ConfirmationSettings DEFAULTS = new ConfirmationSettings(true, Duration.ofSeconds(5), 2, Duration.ofSeconds(1));

    public ConfirmationSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(jitter, "jitter");
        if (retries < 0) throw new IllegalArgumentException("retries " + retries);
    }
}
