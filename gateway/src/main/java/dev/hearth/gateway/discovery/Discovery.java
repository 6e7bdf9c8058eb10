package dev.hearth.gateway.discovery;

import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceOverride;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DevicesChanged;
import dev.hearth.gateway.device.Malformed;
import dev.hearth.gateway.yaml.ConfigProblem;
import dev.hearth.gateway.yaml.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what the {@link DiscoverySource}s read into changes of the {@link DeviceRegistry}: devices.yaml's overrides
 * applied, a hand-written device never replaced, a device whose topics another one has refused. Malformed documents
 * are counted with the registry's rejected payloads and change nothing. Plain Java, on the home's thread.
 */
public final class Discovery {
    private static final Logger log = LoggerFactory.getLogger(Discovery.class);

    /** What a message or a burst changed: the devices (with the topics to subscribe and drop) and the events it caused. */
    public record Applied(DevicesChanged devices, List<DeviceEvent> events) {
        static final Applied NOTHING = new Applied(DevicesChanged.NONE, List.of());
    }

    private final List<DiscoverySource> sources;
    private final Map<DeviceId, DeviceOverride> overrides;
    private final DeviceRegistry registry;
    /** Ids already reported as refused, so that a republished document does not repeat the warning. */
    private final Set<DeviceId> refusedOnce = new HashSet<>();
    /** Which source each discovered device came from: another convention announcing the same id does not replace it. */
    private final Map<DeviceId, DiscoverySource> owners = new HashMap<>();
    /** Source pairs already reported as announcing the same devices: one line, not one per device. */
    private final Set<String> overlapSaid = new HashSet<>();
    /** Problems of overrides' attributes already logged: a republished document does not repeat them. */
    private final Set<String> overrideProblemsSaid = new HashSet<>();
    private final DiscoveryBurst burst = new DiscoveryBurst();

    public Discovery(List<DiscoverySource> sources, List<DeviceOverride> overrides, DeviceRegistry registry) {
        this.sources = List.copyOf(sources);
        this.overrides = overrides.stream().collect(Collectors.toUnmodifiableMap(DeviceOverride::id, o -> o));
        this.registry = registry;
    }

    /** No discovery at all (turned off, or a test): every message goes to the device routes. */
    public static Discovery none(DeviceRegistry registry) {
        return new Discovery(List.of(), List.of(), registry);
    }

    /** Every source's topic filters, to subscribe to from the start. */
    public List<String> topics() {
        return sources.stream().flatMap(s -> s.topics().stream()).distinct().toList();
    }

    /** The source that reads messages on {@code topic}, if any. */
    public Optional<DiscoverySource> source(String topic) {
        for (DiscoverySource s : sources) {
            if (s.handles(topic)) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** Reads and applies one message of {@code source} on {@code topic}, as {@link #read} and {@link #flush} do. */
    public Applied receive(DiscoverySource source, String topic, byte[] payload, Instant at) {
        read(source, topic, payload);
        return flush(at);
    }

    /** Reads one message of {@code source} on {@code topic}; what it changes waits for {@link #flush}. */
    public void read(DiscoverySource source, String topic, byte[] payload) {
        burst.add(source, source.receive(topic, payload));
    }

    /** Whether changes read wait for {@link #flush}. */
    public boolean pending() {
        return !burst.isEmpty();
    }

    /**
     * Applies every change read since the last flush, as one change of the devices (one subscription request for the
     * broker link) and one line per source that changed devices; each device found is a DEBUG line.
     */
    public Applied flush(Instant at) {
        if (burst.isEmpty()) return Applied.NOTHING;
        DevicesChanged devices = DevicesChanged.NONE;
        Map<DiscoverySource, DevicesChanged> bySource = new LinkedHashMap<>();
        List<DeviceEvent> events = new ArrayList<>();
        for (DiscoveryBurst.Pending p : burst.drain()) {
            DevicesChanged changed = apply(p.source(), p.change(), at, events);
            if (changed.isEmpty()) continue;
            devices = devices.and(changed);
            bySource.merge(p.source(), changed, DevicesChanged::and);
        }
        bySource.forEach((source, changed) -> log.info("{}: {} devices found or changed, {} gone; {} devices known", source.name(),
                changed.added().size(), changed.removed().size(), registry.specs().size()));
        return new Applied(devices, events);
    }

    private DevicesChanged apply(DiscoverySource source, DiscoveryChange change, Instant at, List<DeviceEvent> events) {
        if (change instanceof DiscoveryChange.Found f) return found(source, f.device());
        if (change instanceof DiscoveryChange.Renamed r) return renamed(source, r.from(), r.device());
        if (change instanceof DiscoveryChange.Lost l) return lost(source, l.device());
        if (change instanceof DiscoveryChange.Reachability r && owns(source, r.device())) {
            events.addAll(registry.availability(r.device(), r.availability(), at));
        } else if (change instanceof DiscoveryChange.Refused r) {
            registry.malformed().record(Malformed.BAD_DISCOVERY, r.topic(), r.why(), at);
        }
        return DevicesChanged.NONE;
    }

    private DevicesChanged found(DiscoverySource source, DeviceSpec discovered) {
        DeviceSpec device = overridden(discovered);
        if (!admissible(device, Optional.empty()) || !ownable(source, device.id())) return DevicesChanged.NONE;
        owners.put(device.id(), source);
        if (device.equals(registry.spec(device.id()).orElse(null))) return DevicesChanged.NONE;
        log.debug("{}: {} ({}, {} attributes)", source.name(), device.id(), device.kind().yamlName(), device.attributes().size());
        return registry.put(device);
    }

    private DevicesChanged renamed(DiscoverySource source, DeviceId from, DeviceSpec discovered) {
        if (registry.spec(from).isEmpty() || registry.handWritten(from) || owners.get(from) != source) return found(source, discovered);
        DeviceSpec device = overridden(discovered);
        if (!admissible(device, Optional.of(from)) || !ownable(source, device.id())) return lost(source, from);
        log.info("{} is now {}", from, device.id());
        owners.remove(from);
        owners.put(device.id(), source);
        return registry.rename(from, device);
    }

    private DevicesChanged lost(DiscoverySource source, DeviceId device) {
        if (!owns(source, device)) return DevicesChanged.NONE;
        owners.remove(device);
        return registry.remove(device);
    }

    /** Whether {@code source} may speak for {@code device}: it found it, or nobody did. */
    private boolean owns(DiscoverySource source, DeviceId device) {
        DiscoverySource owner = owners.get(device);
        return owner == null || owner == source;
    }

    /** A device another source found first stays that source's; said once per pair of sources. */
    private boolean ownable(DiscoverySource source, DeviceId device) {
        if (owns(source, device)) return true;
        DiscoverySource first = owners.get(device);
        if (overlapSaid.add(source.name() + "\n" + first.name())) {
            log.warn("{} announces {} which {} found first: it is left out, and so is every other device both announce"
                    + " (turn one of them off under discovery:)", source.name(), device, first.name());
        }
        return false;
    }

    /** With devices.yaml's override applied; a problem in its attributes is logged once, with its position. */
    private DeviceSpec overridden(DeviceSpec discovered) {
        DeviceOverride override = overrides.get(discovered.id());
        if (override == null) return discovered;
        Problems problems = new Problems();
        DeviceSpec device = override.applyTo(discovered, problems);
        for (ConfigProblem p : problems.list()) {
            if (overrideProblemsSaid.add(p.toString())) {
                log.warn("{} (devices.yaml override of discovered {}, a {} device: that attribute stays as discovered)", p,
                        discovered.id(), discovered.format().yamlName());
            }
        }
        return device;
    }

    /** A hand-written device wins over a discovered one with its id or its topics. */
    private boolean admissible(DeviceSpec device, Optional<DeviceId> replacing) {
        if (registry.handWritten(device.id())) {
            if (refusedOnce.add(device.id())) log.info("Discovered {} is written in devices.yaml: the hand-written one is used", device.id());
            return false;
        }
        Optional<DeviceId> clash = registry.clash(device).filter(other -> !replacing.equals(Optional.of(other)));
        if (clash.isPresent()) {
            if (refusedOnce.add(device.id())) {
                log.warn("Discovered {} left out: its topics {} clash with {}", device.id(), device.format(), clash.get());
            }
            return false;
        }
        return true;
    }
}
