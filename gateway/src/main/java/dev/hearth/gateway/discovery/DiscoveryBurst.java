package dev.hearth.gateway.discovery;

import dev.hearth.gateway.device.DeviceId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The changes read from discovery messages that arrived together (a retained burst: 150 Home Assistant configs of 50
 * ESPHome nodes), waiting to be applied at once. A source that describes a device again within the burst (each
 * entity's config adds to its device) replaces its earlier description: only the last one is applied, unless
 * something else happened to that device in between.
 */
final class DiscoveryBurst {
    record Pending(DiscoverySource source, DiscoveryChange change) {
    }

    private List<Pending> pending = new ArrayList<>();

    void add(DiscoverySource source, List<DiscoveryChange> changes) {
        changes.forEach(c -> pending.add(new Pending(source, c)));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The changes in the order read, without the descriptions a later one replaces; the burst is empty afterwards. */
    List<Pending> drain() {
        List<Pending> kept = new ArrayList<>();
        // Walking back: the newest description of each device by its source is kept, and what came before it is
        // dropped as long as nothing else (a loss, a rename, its reachability, another source) touched the device.
        Map<DeviceId, DiscoverySource> describedLater = new HashMap<>();
        for (int i = pending.size() - 1; i >= 0; i--) {
            Pending p = pending.get(i);
            if (p.change() instanceof DiscoveryChange.Found f) {
                if (describedLater.put(f.device().id(), p.source()) == p.source()) continue;
            } else {
                devices(p.change()).forEach(describedLater::remove);
            }
            kept.add(p);
        }
        pending = new ArrayList<>();
        Collections.reverse(kept);
        return kept;
    }

    private static Stream<DeviceId> devices(DiscoveryChange change) {
        if (change instanceof DiscoveryChange.Renamed r) return Stream.of(r.from(), r.device().id());
        if (change instanceof DiscoveryChange.Lost l) return Stream.of(l.device());
        if (change instanceof DiscoveryChange.Reachability r) return Stream.of(r.device());
        return Stream.empty();
    }
}
