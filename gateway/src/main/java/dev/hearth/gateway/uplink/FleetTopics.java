package dev.hearth.gateway.uplink;

import java.util.Optional;

/**
 * One gateway's namespace on the fleet's broker, {@code <fleet_prefix>/<gateway_id>}: its retained {@code status}
 * (online/offline, with a will) and {@code health}, and the commands it takes under {@code cmd/}:
 * {@code cmd/device/<device id>} and {@code cmd/automation/<automation id>/<enable|disable|run>}.
 * A broker ACL gives each gateway write access to its namespace and read access to its own {@code cmd/#} only.
 */
public record FleetTopics(String namespace) {

    public String status() {
        return namespace + "/status";
    }

    public String health() {
        return namespace + "/health";
    }

    /** The one subscription remote control needs. */
    public String commands() {
        return namespace + "/cmd/#";
    }

    /** What a topic under {@code cmd/} asks for, or why it asks for nothing the gateway knows. */
    public RemoteCommand command(String topic) {
        String prefix = namespace + "/cmd/";
        if (!topic.startsWith(prefix)) return new RemoteCommand.Unreadable("not a command topic: " + topic);
        String[] parts = topic.substring(prefix.length()).split("/", -1);
        if (parts.length == 2 && parts[0].equals("device") && !parts[1].isEmpty()) return new RemoteCommand.Device(parts[1]);
        if (parts.length == 3 && parts[0].equals("automation") && !parts[1].isEmpty()) {
            Optional<RemoteCommand.Action> action = RemoteCommand.Action.named(parts[2]);
            if (action.isPresent()) return new RemoteCommand.Automation(parts[1], action.get());
        }
        return new RemoteCommand.Unreadable("commands are cmd/device/<id> or cmd/automation/<id>/<enable|disable|run>, got "
                + topic.substring(prefix.length()));
    }
}
