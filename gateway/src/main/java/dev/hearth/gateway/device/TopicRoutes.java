package dev.hearth.gateway.device;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which device (and attribute) an incoming topic belongs to. Topics are exact: Zigbee2MQTT names may contain '/'. */
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
        for (DeviceSpec d : devices) {
            if (d.isLocal()) continue;
            if (d.format() == PayloadFormat.JSON) {
                routes.put(d.stateTopic(), new StateDocument(d));
            } else {
                d.attributes().values().forEach(a -> routes.put(d.attributeTopic(a.name()), new AttributeValue(d, a)));
            }
            routes.put(d.availabilityTopic(), new AvailabilityReport(d));
        }
    }

    public Optional<Route> route(String topic) {
        return Optional.ofNullable(routes.get(topic));
    }

    /** Every topic the gateway must subscribe to. */
    public List<String> topics() {
        return routes.keySet().stream().sorted().toList();
    }
}
