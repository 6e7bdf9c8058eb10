package dev.hearth.gateway.uplink;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * {@code uplink.remote_control}: the allow-list of remote commands. {@code devices} are the device ids that may be
 * commanded, {@code automations} the automation ids that may be enabled, disabled or run; an entry may end or start
 * with {@code *} ({@code kitchen_*}), and {@code "*"} allows all. Anything not listed is refused.
 */
public record RemoteControl(List<String> devices, List<String> automations) {
    public RemoteControl {
        devices = List.copyOf(devices);
        automations = List.copyOf(automations);
    }

    public boolean allows(RemoteCommand command) {
        if (command instanceof RemoteCommand.Device d) return matchesAny(devices, d.device());
        if (command instanceof RemoteCommand.Automation a) return matchesAny(automations, a.automation());
        return false;
    }

    private static boolean matchesAny(List<String> patterns, String id) {
        return patterns.stream().anyMatch(p -> glob(p).matcher(id).matches());
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
