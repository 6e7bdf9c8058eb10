package dev.hearth.gateway.device;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which device (and attribute) an incoming topic belongs to. Topics are exact: Zigbee2MQTT names may contain '/'.
 * Devices come and go as they are discovered ({@link DeviceRegistry}); changed on the home's thread only.
 */
public final class TopicRoutes {

    /** Where a topic leads; a message is routed once, and the route goes with it to the registry, engine and commands. */
    public sealed interface Route permits StateDocument, AttributeValue, AvailabilityReport {
        DeviceSpec device();

        /** The topic this route is for. */
        String topic();

        /** Whether a message on it reports the device's state (and may be the echo of a command). */
        default boolean reportsState() {
            return !(this instanceof AvailabilityReport);
        }
    }

    /** A JSON object carrying several attributes. */
    public record StateDocument(DeviceSpec device) implements Route {
        @Override
        public String topic() {
            return device.stateTopic();
        }
    }

    /** One attribute's plain value. */
    public record AttributeValue(DeviceSpec device, AttributeSpec attribute) implements Route {
        @Override
        public String topic() {
            return device.attributeTopic(attribute.name());
        }
    }

    public record AvailabilityReport(DeviceSpec device) implements Route {
        @Override
        public String topic() {
            return device.availabilityTopic();
        }
    }

    private final Map<String, Route> routes = new HashMap<>();

    public TopicRoutes(Collection<DeviceSpec> devices) {
        devices.forEach(this::add);
    }

    /** The routes of one device: its state topic (or one per attribute) and its availability topic; none for a local one. */
    static List<Route> of(DeviceSpec d) {
        List<Route> out = new ArrayList<>();
        if (d.isLocal()) return out;
        if (d.format() == PayloadFormat.JSON) {
            out.add(new StateDocument(d));
        } else {
            d.attributes().values().forEach(a -> out.add(new AttributeValue(d, a)));
        }
        out.add(new AvailabilityReport(d));
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
