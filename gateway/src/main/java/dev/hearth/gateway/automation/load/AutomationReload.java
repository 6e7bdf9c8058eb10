package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.bus.LocalMessage;

import java.util.List;

/**
 * An automations file was edited. {@code applied}: its automations now run ({@code automations}, empty if the file
 * was removed). Otherwise {@code problems} (file:line:column) say why, and the previous version keeps running.
 */
public record AutomationReload(String file, boolean applied, List<String> automations, List<String> problems)
        implements LocalMessage {
    public AutomationReload {
        automations = List.copyOf(automations);
        problems = List.copyOf(problems);
    }
}
