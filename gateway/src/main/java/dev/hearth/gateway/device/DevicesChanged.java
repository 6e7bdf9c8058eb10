package dev.hearth.gateway.device;

import dev.hearth.gateway.bus.LocalMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Devices that appeared (or whose description changed) and devices that went away while the gateway runs, with the
 * topics the broker link must now subscribe to and may drop: the body of {@code hearth.device.devices-changed}.
 */
public record DevicesChanged(List<DeviceId> added, List<DeviceId> removed, List<String> subscribe, List<String> unsubscribe)
        implements LocalMessage {
    public static final DevicesChanged NONE = new DevicesChanged(List.of(), List.of(), List.of(), List.of());

    public DevicesChanged {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        subscribe = List.copyOf(subscribe);
        unsubscribe = List.copyOf(unsubscribe);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }

    /** Both changes, this one first: a topic dropped by one and taken again by the other is neither. */
    public DevicesChanged and(DevicesChanged next) {
        List<String> sub = new ArrayList<>(subscribe);
        List<String> unsub = new ArrayList<>(unsubscribe);
        for (String t : next.unsubscribe) {
            if (!sub.remove(t)) unsub.add(t);
        }
        for (String t : next.subscribe) {
            if (!unsub.remove(t)) sub.add(t);
        }
        List<DeviceId> add = new ArrayList<>(added);
        List<DeviceId> rem = new ArrayList<>(removed);
        for (DeviceId id : next.removed) {
            add.remove(id);
            if (!rem.contains(id)) rem.add(id);
        }
        for (DeviceId id : next.added) {
            rem.remove(id);
            if (!add.contains(id)) add.add(id);
        }
        return new DevicesChanged(add, rem, sub, unsub);
    }
}
