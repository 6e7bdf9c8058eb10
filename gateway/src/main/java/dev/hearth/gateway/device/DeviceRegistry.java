package dev.hearth.gateway.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current state of every known device: those written in devices.yaml, and those discovered while the gateway
 * runs ({@link #put}, {@link #rename}, {@link #remove}), which never replace a hand-written one. Single writer (the
 * home's event loop) calls the changing methods; snapshots are immutable, so any thread may read them.
 */
public final class DeviceRegistry {
    /** Replaced whole on every change (copy on write): readers on other threads see one consistent map. */
    private volatile Map<DeviceId, DeviceSpec> specs;
    private final Set<DeviceId> handWritten;
    /** Left off the dashboard (devices.yaml's overrides); read from any thread. */
    private volatile Set<DeviceId> hidden = Set.of();
    private final Map<DeviceId, DeviceState> states = new ConcurrentHashMap<>();
    private final TopicRoutes routes;
    private final PayloadDecoder decoder;
    private final MalformedPayloads malformed = new MalformedPayloads();

    public DeviceRegistry(Collection<DeviceSpec> devices, int maxPayloadBytes) {
        Map<DeviceId, DeviceSpec> byId = new LinkedHashMap<>();
        devices.forEach(d -> byId.put(d.id(), d));
        // A HashMap, not Map.copyOf: the immutable map probes linearly on the ids' raw hash codes, and ids such as
        // light_1..light_999 hash to runs of neighbouring slots; a command's lookup took 8 % of the home loop's time.
        this.specs = Collections.unmodifiableMap(byId);
        this.handWritten = Set.copyOf(byId.keySet());
        this.routes = new TopicRoutes(devices);
        this.decoder = new PayloadDecoder(maxPayloadBytes);
        devices.forEach(d -> states.put(d.id(), initial(d)));
    }

    /** A local entry (helper, person) is there as long as Hearth runs: online from the start. */
    private static DeviceState initial(DeviceSpec d) {
        DeviceState state = DeviceState.initial(d.id());
        return d.isLocal() ? new DeviceState(d.id(), Map.of(), Availability.ONLINE, Optional.empty()) : state;
    }

    /**
     * Applies one MQTT message on a topic {@link #routes()} led to a device; returns the events it caused (none if
     * nothing changed or it was rejected).
     */
    public List<DeviceEvent> apply(TopicRoutes.Route route, byte[] payload, Instant at) {
        DeviceSpec device = route.device();
        Decoded decoded = decoder.decode(route, payload);
        if (decoded instanceof Decoded.Rejected r) {
            malformed.record(r.reason(), route.topic(), r.detail(), at);
            return List.of();
        }
        if (decoded instanceof Decoded.Availabilities a) {
            return updateAvailability(device.id(), a.availability(), at);
        }
        Decoded.Values values = (Decoded.Values) decoded;
        if (!values.wrongTypes().isEmpty()) {
            malformed.record(Malformed.WRONG_TYPE, route.topic(), String.join(", ", values.wrongTypes()), at);
        }
        List<DeviceEvent> events = updateValues(device.id(), values.values(), at);
        values.events().forEach((attribute, event) -> events.add(new EventReported(device.id(), attribute, event.toString(), at)));
        return events;
    }

    /**
     * Sets attributes of a local entry (a helper, a person) that its owner has already checked; returns the events,
     * as {@link #apply} does for a device's message.
     */
    public List<DeviceEvent> setLocal(DeviceId id, Map<String, Value> values, Instant at) {
        DeviceSpec spec = specs.get(id);
        if (spec == null || !spec.isLocal()) throw new IllegalArgumentException(id + " is not a local entry");
        return updateValues(id, values, at);
    }

    /** A message on a topic no device has: counted with the malformed payloads, changes nothing. */
    public void unknownTopic(String topic, Instant at) {
        malformed.record(Malformed.UNKNOWN_TOPIC, topic, "no device has this topic", at);
    }

    private List<DeviceEvent> updateValues(DeviceId id, Map<String, Value> values, Instant at) {
        DeviceState before = states.get(id);
        List<DeviceEvent> events = new ArrayList<>(values.size() + 1);
        // The one copy a message makes of the device's attributes: the new snapshot takes it as it is.
        HashMap<String, AttributeState> merged = OwnedMap.mutableCopy(before.attributes());
        for (String name : values.keySet()) {
            Value value = values.get(name);
            AttributeState previous = merged.get(name);
            boolean changed = previous == null || !previous.value().equals(value);
            merged.put(name, new AttributeState(value, changed ? at : previous.lastChanged(), at));
            if (changed) events.add(new StateChanged(id, name, previous == null ? Optional.empty() : Optional.of(previous.value()), value, at));
        }
        states.put(id, before.withAll(merged, at));
        return events;
    }

    private List<DeviceEvent> updateAvailability(DeviceId id, Availability availability, Instant at) {
        DeviceState before = states.get(id);
        states.put(id, before.withAvailability(availability, at));
        if (before.availability() == availability) return List.of();
        return List.of(new AvailabilityChanged(id, before.availability(), availability, at));
    }

    /** Devices the dashboard leaves out (they still work in automations and the API). */
    public void hide(Collection<DeviceId> ids) {
        hidden = Set.copyOf(ids);
    }

    public boolean hidden(DeviceId id) {
        return hidden.contains(id);
    }

    /** Whether the device was written in devices.yaml: discovery never replaces or removes it. */
    public boolean handWritten(DeviceId id) {
        return handWritten.contains(id);
    }

    /** The device whose topics {@code device}'s would take over, if any (never itself). */
    public Optional<DeviceId> clash(DeviceSpec device) {
        return routes.clash(device);
    }

    /**
     * Adds a discovered device, or replaces the description of one already known (its state is kept, its topics
     * follow the new description). Refused for a hand-written id or topics another device has ({@link #handWritten},
     * {@link #clash}: check first).
     */
    public DevicesChanged put(DeviceSpec device) {
        if (handWritten(device.id())) throw new IllegalArgumentException(device.id() + " is written in devices.yaml");
        clash(device).ifPresent(other -> {
            throw new IllegalArgumentException(device.id() + " would take over the topics of " + other);
        });
        DeviceSpec before = specs.get(device.id());
        List<String> dropped = before == null ? List.of() : routes.remove(before);
        List<String> added = routes.add(device);
        List<String> subscribe = added.stream().filter(t -> !dropped.contains(t)).toList();
        List<String> unsubscribe = dropped.stream().filter(t -> !added.contains(t)).toList();
        Map<DeviceId, DeviceSpec> next = new LinkedHashMap<>(specs);
        next.put(device.id(), device);
        specs = Collections.unmodifiableMap(next);
        states.putIfAbsent(device.id(), DeviceState.initial(device.id()));
        return new DevicesChanged(List.of(device.id()), List.of(), subscribe, unsubscribe);
    }

    /**
     * A discovered device now known under another id (renamed where it was discovered): its state goes with it, the
     * old id is gone. Same refusals as {@link #put}.
     */
    public DevicesChanged rename(DeviceId from, DeviceSpec to) {
        DeviceState state = states.get(from);
        DevicesChanged removed = remove(from);
        if (state == null) return removed.and(put(to));
        states.put(to.id(), new DeviceState(to.id(), state.attributes(), state.availability(), state.lastSeen()));
        return removed.and(put(to));
    }

    /** Forgets a discovered device (removed where it was discovered); a hand-written or unknown one stays as it is. */
    public DevicesChanged remove(DeviceId id) {
        DeviceSpec before = specs.get(id);
        if (before == null || handWritten(id)) return DevicesChanged.NONE;
        List<String> dropped = routes.remove(before);
        Map<DeviceId, DeviceSpec> next = new LinkedHashMap<>(specs);
        next.remove(id);
        specs = Collections.unmodifiableMap(next);
        states.remove(id);
        return new DevicesChanged(List.of(), List.of(id), List.of(), dropped);
    }

    /** Availability reported other than on the device's own topic (its bridge went offline): the events it caused. */
    public List<DeviceEvent> availability(DeviceId id, Availability availability, Instant at) {
        if (!states.containsKey(id)) return List.of();
        return updateAvailability(id, availability, at);
    }

    /**
     * Puts back an attribute value saved before a restart, without an event: automations see it as the state the
     * home was in, and the next real change fires triggers as usual. Values the device no longer accepts are skipped.
     */
    public boolean restore(DeviceId id, String attribute, Value value, Instant lastChanged) {
        DeviceSpec spec = specs.get(id);
        if (spec == null) return false;
        Optional<Value> typed = spec.attribute(attribute).flatMap(a -> a.accept(value.plain()));
        if (typed.isEmpty()) return false;
        DeviceState before = states.get(id);
        states.put(id, before.withAttributes(Map.of(attribute, new AttributeState(typed.get(), lastChanged, lastChanged)),
                before.lastSeen().orElse(lastChanged)));
        return true;
    }

    public Optional<DeviceState> state(DeviceId id) {
        return Optional.ofNullable(states.get(id));
    }

    public Optional<DeviceSpec> spec(DeviceId id) {
        return Optional.ofNullable(specs.get(id));
    }

    public Collection<DeviceSpec> specs() {
        return specs.values();
    }

    public TopicRoutes routes() {
        return routes;
    }

    public MalformedPayloads malformed() {
        return malformed;
    }
}
