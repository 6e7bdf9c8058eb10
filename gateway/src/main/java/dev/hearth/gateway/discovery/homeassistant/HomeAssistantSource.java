package dev.hearth.gateway.discovery.homeassistant;

import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.discovery.DiscoveryChange;
import dev.hearth.gateway.discovery.DiscoverySource;
import dev.hearth.gateway.discovery.homeassistant.template.ValueTemplate;
import dev.hearth.gateway.json.JsonTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Home Assistant's MQTT discovery under one prefix: every retained {@code <prefix>/<component>/…/config} is an entity,
 * entities with a common device identifier are one device (ESPHome, Shelly scripts, Tasmota's former discovery and
 * many more publish this way). Availability topics are read here too, with each entity's own payloads and template.
 * Configs Zigbee2MQTT publishes are left to its own discovery when that is on, and Hearth's own announcement is never
 * read back as a device.
 */
public final class HomeAssistantSource implements DiscoverySource {
    private static final Logger log = LoggerFactory.getLogger(HomeAssistantSource.class);

    private final String prefix;
    /** {@code prefix/}: every message of the home is asked whether it is a discovery one, without a new string. */
    private final String under;
    private final boolean zigbee2mqttDiscovered;
    private final String ownNode;
    private final HaConfigParser parser;
    private final HaAssembly assembly = new HaAssembly();
    /** Availability topic → the devices and how each reads it. */
    private final Map<String, Map<String, HaAvailability.Source>> availability = new HashMap<>();
    private final Map<String, String> availabilityOwner = new HashMap<>();
    private final Set<String> saidIgnored = new HashSet<>();
    private boolean saidZigbee2mqtt;

    /**
     * {@code zigbee2mqttDiscovered}: Zigbee2MQTT's bridge is read by its own discovery, so its Home Assistant configs
     * would only repeat those devices; {@code ownNode}: the node id of Hearth's own announcement ({@code hearth_<id>}).
     */
    public HomeAssistantSource(String prefix, boolean zigbee2mqttDiscovered, String ownNode) {
        this.prefix = prefix;
        this.under = prefix + "/";
        this.zigbee2mqttDiscovered = zigbee2mqttDiscovered;
        this.ownNode = ownNode;
        this.parser = new HaConfigParser(prefix);
    }

    @Override
    public String name() {
        return "Home Assistant discovery (" + prefix + ")";
    }

    @Override
    public List<String> topics() {
        return List.of(prefix + "/+/+/config", prefix + "/+/+/+/config");
    }

    @Override
    public boolean handles(String topic) {
        return (topic.startsWith(under) && topic.endsWith("/config")) || availability.containsKey(topic);
    }

    @Override
    public List<DiscoveryChange> receive(String topic, byte[] payload) {
        if (availability.containsKey(topic) && !topic.endsWith("/config")) return reachability(topic, payload);
        Optional<HaDiscoveryMessage> message = parser.parse(topic, payload);
        if (message.isEmpty()) return List.of();
        return apply(topic, message.get());
    }

    private List<DiscoveryChange> apply(String topic, HaDiscoveryMessage message) {
        if (message instanceof HaDiscoveryMessage.Malformed m) return List.of(new DiscoveryChange.Refused(topic, m.reason()));
        if (message instanceof HaDiscoveryMessage.Ignored i) {
            if (saidIgnored.add(i.key())) log.info("Home Assistant discovery: {} ({}) is not read: {}", i.key(), topic, i.reason());
            return List.of();
        }
        if (message instanceof HaDiscoveryMessage.Configs c && c.configs().stream().anyMatch(this::notOurs)) {
            if (!saidZigbee2mqtt && c.configs().stream().anyMatch(this::zigbee2mqtt)) {
                saidZigbee2mqtt = true;
                log.info("Home Assistant discovery: the configs Zigbee2MQTT publishes under {} are not read: its devices come"
                        + " from its bridge (discovery.zigbee2mqtt)", prefix);
            }
            return List.of();
        }
        HaAssembly.Changes changes = assembly.apply(message);
        changes.problems().forEach(log::warn);
        List<DiscoveryChange> out = new ArrayList<>();
        for (String gone : changes.gone()) {
            forget(gone);
            out.add(new DiscoveryChange.Lost(new DeviceId(gone)));
        }
        for (HaAssembly.Assembled d : changes.changed()) {
            forget(d.id());
            Optional<String> availabilityTopic = watch(d);
            out.add(new DiscoveryChange.Found(HaSpecs.spec(d, availabilityTopic)));
        }
        return out;
    }

    /** Zigbee2MQTT's configs when its own discovery reads the bridge, and Hearth's own announcement. */
    private boolean notOurs(HaConfig c) {
        boolean own = c.device().filter(d -> d.identifiers().contains(ownNode)).isPresent();
        return own || zigbee2mqtt(c);
    }

    private boolean zigbee2mqtt(HaConfig c) {
        return zigbee2mqttDiscovered && (c.origin().filter(o -> o.equals("Zigbee2MQTT")).isPresent()
                || c.device().filter(d -> d.identifiers().stream().anyMatch(i -> i.startsWith("zigbee2mqtt_"))).isPresent());
    }

    /** Starts reading the device's availability topic; the topic goes into its spec only if no other device has it. */
    private Optional<String> watch(HaAssembly.Assembled d) {
        if (d.availability().sources().isEmpty()) return Optional.empty();
        HaAvailability.Source source = d.availability().sources().get(0);
        availability.computeIfAbsent(source.topic(), t -> new HashMap<>()).put(d.id(), source);
        String owner = availabilityOwner.putIfAbsent(source.topic(), d.id());
        return owner == null || owner.equals(d.id()) ? Optional.of(source.topic()) : Optional.empty();
    }

    private void forget(String id) {
        availability.values().forEach(m -> m.remove(id));
        availability.values().removeIf(Map::isEmpty);
        availabilityOwner.values().removeIf(id::equals);
    }

    /** Home Assistant's rule: the payload (through the topic's template) is available, not available, or neither. */
    private List<DiscoveryChange> reachability(String topic, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        List<DiscoveryChange> out = new ArrayList<>();
        availability.get(topic).forEach((id, source) -> {
            String value = source.valueTemplate().flatMap(t -> rendered(t, text, payload)).orElse(text);
            if (value.equals(source.payloadAvailable())) out.add(new DiscoveryChange.Reachability(new DeviceId(id), Availability.ONLINE));
            else if (value.equals(source.payloadNotAvailable())) out.add(new DiscoveryChange.Reachability(new DeviceId(id), Availability.OFFLINE));
        });
        return out;
    }

    private static Optional<String> rendered(String template, String text, byte[] payload) {
        if (!(ValueTemplate.compile(template) instanceof ValueTemplate.Ok ok)) return Optional.empty();
        return ok.template().render(text, JsonTree.parse(payload)).map(ValueTemplate::text);
    }
}
