package dev.hearth.gateway.device;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which device (and attribute) an incoming topic belongs to. Topics are exact: Zigbee2MQTT names may contain '/'.
 * Built from each device's format ({@link DeviceFormat#sources}) and its attributes' mappings. Devices come and go as
 * they are discovered ({@link DeviceRegistry}); changed on the home's thread only.
 */
public final class TopicRoutes {

    /** Where a topic leads; a message is routed once, and the route goes with it to the registry, engine and commands. */
    public sealed interface Route permits Reading, AvailabilityReport {
        DeviceSpec device();

        /** The topic this route is for. */
        String topic();

        /** Whether a message on it reports the device's state (and may be the echo of a command). */
        default boolean reportsState() {
            return this instanceof Reading;
        }
    }

    /** A payload carrying attributes: the whole of it, or fields of a JSON object as {@code fields} says. */
    public record Reading(DeviceSpec device, String topic, FieldTree fields) implements Route {
    }

    public record AvailabilityReport(DeviceSpec device, String topic) implements Route {
    }

    private final Map<String, Route> routes = new HashMap<>();

    public TopicRoutes(Collection<DeviceSpec> devices) {
        devices.forEach(this::add);
    }

    /** Every route of one device: one per topic its attributes come on, and its availability. */
    public static List<Route> of(DeviceSpec device) {
        Map<String, FieldTree> trees = new LinkedHashMap<>();
        for (AttributeSpec a : device.attributes().values()) {
            for (DeviceFormat.Source s : DeviceFormat.sourcesOf(device.format(), a)) {
                trees.computeIfAbsent(s.topic(), t -> new FieldTree()).add(s.path(), a);
            }
        }
        List<Route> out = new ArrayList<>(trees.size() + 1);
        trees.forEach((topic, tree) -> out.add(new Reading(device, topic, tree)));
        device.availabilityTopic().ifPresent(t -> out.add(new AvailabilityReport(device, t)));
        return out;
    }

    /** Routes a device's topics to it; returns the topics it added. */
    List<String> add(DeviceSpec d) {
        List<String> topics = new ArrayList<>();
        for (Route r : of(d)) {
            if (routes.put(r.topic(), r) == null) topics.add(r.topic());
        }
        return topics;
    }

    /** Stops routing a device's topics; returns the topics it no longer has. */
    List<String> remove(DeviceSpec d) {
        List<String> topics = new ArrayList<>();
        for (Route r : of(d)) {
            Route current = routes.get(r.topic());
            if (current != null && current.device().id().equals(d.id())) {
                routes.remove(r.topic());
                topics.add(r.topic());
            }
        }
        return topics;
    }

    /** The device another one's topics would collide with, if any. */
    Optional<DeviceId> clash(DeviceSpec d) {
        for (Route r : of(d)) {
            Route taken = routes.get(r.topic());
            if (taken != null && !taken.device().id().equals(d.id())) return Optional.of(taken.device().id());
        }
        return Optional.empty();
    }

    public Optional<Route> route(String topic) {
        return Optional.ofNullable(routes.get(topic));
    }

    /** Every topic the gateway must subscribe to. */
    public List<String> topics() {
        return routes.keySet().stream().sorted().toList();
    }
}
