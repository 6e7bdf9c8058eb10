package dev.hearth.gateway.device;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which device (and attribute) an incoming topic belongs to. Topics are exact: Zigbee2MQTT names may contain '/'. */
public final class TopicRoutes {

    public sealed interface Route permits StateDocument, AttributeValue, AvailabilityReport {
        DeviceSpec device();
    }

    /** A JSON object carrying several attributes. */
    public record StateDocument(DeviceSpec device) implements Route {
    }

    /** One attribute's plain value. */
    public record AttributeValue(DeviceSpec device, AttributeSpec attribute) implements Route {
    }

    public record AvailabilityReport(DeviceSpec device) implements Route {
    }

    private final Map<String, Route> routes = new HashMap<>();

    public TopicRoutes(Collection<DeviceSpec> devices) {
        for (DeviceSpec d : devices) {
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
