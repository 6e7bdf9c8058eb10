package dev.hearth.sim.fleet;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An example cloud-side consumer of a Hearth fleet: one instance of a service that runs several in a shared-subscription
 * group, {@code $share/<group>/<prefix>/+/…}, so that each message of the fleet reaches one of them. It keeps each
 * gateway's newest status and health and counts its telemetry; the MQTT client is the caller's.
 */
public final class FleetConsumer {
    /** What one consumer knows of one gateway. */
    public record Gateway(String id, Optional<String> status, Optional<String> health, long telemetry) {
    }

    private final String prefix;
    private final Map<String, String> status = new ConcurrentHashMap<>();
    private final Map<String, String> health = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> telemetry = new ConcurrentHashMap<>();

    public FleetConsumer(String prefix) {
        this.prefix = prefix;
    }

    /** The subscription of one instance of the group: everything every gateway of the fleet publishes. */
    public static String sharedFilter(String group, String prefix) {
        return "$share/" + group + "/" + prefix + "/+/#";
    }

    /** One message of the fleet, on its real topic ({@code <prefix>/<gateway>/…}); false if it is not one. */
    public boolean accept(String topic, byte[] payload) {
        if (!topic.startsWith(prefix + "/")) return false;
        String rest = topic.substring(prefix.length() + 1);
        int slash = rest.indexOf('/');
        if (slash <= 0) return false;
        String gateway = rest.substring(0, slash);
        String what = rest.substring(slash + 1);
        String text = new String(payload, StandardCharsets.UTF_8);
        switch (what) {
            case "status" -> status.put(gateway, text);
            case "health" -> health.put(gateway, text);
            default -> {
                if (what.startsWith("cmd/")) return false;
                telemetry.computeIfAbsent(gateway, g -> new LongAdder()).increment();
            }
        }
        return true;
    }

    public Optional<Gateway> gateway(String id) {
        if (!status.containsKey(id) && !health.containsKey(id) && !telemetry.containsKey(id)) return Optional.empty();
        LongAdder n = telemetry.get(id);
        return Optional.of(new Gateway(id, Optional.ofNullable(status.get(id)), Optional.ofNullable(health.get(id)),
                n == null ? 0 : n.sum()));
    }

    /** Telemetry messages this instance took, over all gateways. */
    public long telemetry() {
        return telemetry.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
