package dev.hearth.gateway.automation.model;

/**
 * Gateway-wide automation settings ({@code automation:} in gateway.yaml).
 *
 * @param maxRunsPerSecond runaway protection: an automation started more often than this within one
 *                         second is paused (disabled) with an error trace instead of flooding the gateway
 */
public record AutomationSettings(int maxRunsPerSecond) {
    public static final AutomationSettings DEFAULTS = new AutomationSettings(20);

    public AutomationSettings {
        if (maxRunsPerSecond < 1) throw new IllegalArgumentException("max_runs_per_second must be at least 1");
    }
}
