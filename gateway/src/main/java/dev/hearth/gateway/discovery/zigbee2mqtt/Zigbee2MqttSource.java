package dev.hearth.gateway.discovery.zigbee2mqtt;

import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.discovery.DiscoveryChange;
import dev.hearth.gateway.discovery.DiscoverySource;
import dev.hearth.gateway.json.JsonTree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Zigbee2MQTT's bridge under one base topic: the retained {@code <base>/bridge/devices} lists every paired device
 * with its exposes; a device keeps its IEEE address through renames; {@code <base>/bridge/event} tells of a device
 * interviewed or gone between two lists; {@code <base>/bridge/state} offline makes every device of the bridge
 * unavailable. See https://www.zigbee2mqtt.io/guide/usage/mqtt_topics_and_messages.html.
 */
public final class Zigbee2MqttSource implements DiscoverySource {
    private final String base;
    private final String devicesTopic;
    private final String stateTopic;
    private final String eventTopic;
    /** By IEEE address, as last described. */
    private Map<String, DeviceSpec> known = new LinkedHashMap<>();
    private boolean bridgeOffline;

    public Zigbee2MqttSource(String baseTopic) {
        this.base = baseTopic;
        this.devicesTopic = baseTopic + "/bridge/devices";
        this.stateTopic = baseTopic + "/bridge/state";
        this.eventTopic = baseTopic + "/bridge/event";
    }

    @Override
    public String name() {
        return "Zigbee2MQTT (" + base + ")";
    }

    @Override
    public List<String> topics() {
        return List.of(devicesTopic, stateTopic, eventTopic);
    }

    @Override
    public boolean handles(String topic) {
        return topic.equals(devicesTopic) || topic.equals(stateTopic) || topic.equals(eventTopic);
    }

    @Override
    public List<DiscoveryChange> receive(String topic, byte[] payload) {
        if (topic.equals(devicesTopic)) return devices(payload);
        if (topic.equals(stateTopic)) return bridgeState(payload);
        return event(payload);
    }

    private List<DiscoveryChange> devices(byte[] payload) {
        if (!(JsonTree.parse(payload).orElse(null) instanceof List<?> entries)) {
            return List.of(new DiscoveryChange.Refused(devicesTopic, "not a JSON array of devices: " + abbreviate(payload)));
        }
        List<DiscoveryChange> changes = new ArrayList<>();
        Map<String, DeviceSpec> next = new LinkedHashMap<>();
        Set<DeviceId> ids = new HashSet<>();
        boolean whole = true;
        for (Object entry : entries) {
            BridgeDevice read = BridgeDevice.read(entry, base);
            if (read instanceof BridgeDevice.Usable u && ids.add(u.device().id())) {
                next.put(u.ieee(), u.device());
            } else if (read instanceof BridgeDevice.Usable u) {
                changes.add(new DiscoveryChange.Refused(devicesTopic, u.ieee() + ": another device already has the id " + u.device().id()));
                keep(u.ieee(), next);
            } else if (read instanceof BridgeDevice.Unreadable bad) {
                changes.add(new DiscoveryChange.Refused(devicesTopic, bad.why()));
                bad.ieee().ifPresentOrElse(ieee -> keep(ieee, next), () -> { });
                whole &= bad.ieee().isPresent();
            }
        }
        next.forEach((ieee, device) -> changes.addAll(found(known.get(ieee), device)));
        // A list with an entry that could not be read (and so not matched) removes nothing: it may be that one.
        if (whole) known.forEach((ieee, device) -> {
            if (!next.containsKey(ieee)) changes.add(new DiscoveryChange.Lost(device.id()));
        });
        if (!whole) known.forEach(next::putIfAbsent);
        known = next;
        return changes;
    }

    private void keep(String ieee, Map<String, DeviceSpec> next) {
        DeviceSpec before = known.get(ieee);
        if (before != null) next.putIfAbsent(ieee, before);
    }

    private List<DiscoveryChange> found(DeviceSpec before, DeviceSpec device) {
        List<DiscoveryChange> changes = new ArrayList<>(2);
        boolean renamed = before != null && !before.id().equals(device.id());
        changes.add(renamed ? new DiscoveryChange.Renamed(before.id(), device) : new DiscoveryChange.Found(device));
        if (bridgeOffline) changes.add(new DiscoveryChange.Reachability(device.id(), Availability.OFFLINE));
        return changes;
    }

    private List<DiscoveryChange> bridgeState(byte[] payload) {
        Optional<Availability> state = Availability.parse(new String(payload, StandardCharsets.UTF_8));
        if (state.isEmpty()) return List.of(new DiscoveryChange.Refused(stateTopic, "not online or offline: " + abbreviate(payload)));
        boolean offline = state.get() == Availability.OFFLINE;
        // Back online, the devices' own availability reports follow; until then the bridge's word stands for them.
        if (offline == bridgeOffline) return List.of();
        bridgeOffline = offline;
        return known.values().stream().<DiscoveryChange>map(d -> new DiscoveryChange.Reachability(d.id(), state.get())).toList();
    }

    /** A successful interview (a device joined between two lists) or a device that left. */
    private List<DiscoveryChange> event(byte[] payload) {
        if (!(JsonTree.parse(payload).orElse(null) instanceof Map<?, ?> event) || !(event.get("data") instanceof Map<?, ?> data)) {
            return List.of(new DiscoveryChange.Refused(eventTopic, "not an event object with data: " + abbreviate(payload)));
        }
        Object type = event.get("type");
        Optional<String> ieee = Exposes.text(data, "ieee_address");
        if ("device_leave".equals(type) && ieee.isPresent()) {
            DeviceSpec gone = known.remove(ieee.get());
            return gone == null ? List.of() : List.of(new DiscoveryChange.Lost(gone.id()));
        }
        if (!"device_interview".equals(type) || !"successful".equals(data.get("status"))) return List.of();
        Map<Object, Object> entry = new LinkedHashMap<>(data);
        entry.putIfAbsent("interview_completed", true);
        BridgeDevice read = BridgeDevice.read(entry, base);
        if (read instanceof BridgeDevice.Unreadable bad) return List.of(new DiscoveryChange.Refused(eventTopic, bad.why()));
        if (!(read instanceof BridgeDevice.Usable u)) return List.of();
        List<DiscoveryChange> changes = found(known.get(u.ieee()), u.device());
        known.put(u.ieee(), u.device());
        return changes;
    }

    private static String abbreviate(byte[] payload) {
        String flat = new String(payload, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
