package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.YamlMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Shelly Gen2/Gen3/Plus device under its MQTT prefix {@code p}: each component's status as JSON on
 * {@code p/status/<component>} ({@code switch:0} → {@code {"id":0,"output":true,"apower":8.9,…}}), changes as
 * {@code NotifyStatus} on {@code p/events/rpc}, button presses as {@code NotifyEvent} there, {@code p/online} true/false. An attribute's source is the component and
 * its field ({@code switch:1.output}, {@code switch:0.aenergy.total}); commands are JSON-RPC calls on {@code p/rpc}:
 * {@code {"id":1,"src":"hearth","method":"Switch.Set","params":{"id":0,"on":true}}} (Source: shelly-api-docs.shelly.cloud,
 * gen2 "MQTT" and "Switch").
 */
public record ShellyGen2Format(String prefix) implements DeviceFormat {
    public static final String NAME = "shelly_gen2";
    public static final DeviceFormats.Kind KIND = new DeviceFormats.Kind(NAME, ShellyGen2Format::read);
    /** Who calls: the device answers on {@code hearth/rpc}, which the gateway does not need to read. */
    static final String SOURCE = "hearth";
    /** Request ids, so that answers could be told apart. */
    private static final AtomicLong REQUESTS = new AtomicLong();

    private static Optional<DeviceFormat> read(YamlMap d) {
        return DeviceFormats.requiredTopic(d, "topic").map(ShellyGen2Format::new);
    }

    @Override
    public String yamlName() {
        return NAME;
    }

    @Override
    public Optional<String> availabilityTopic() {
        return Optional.of(prefix + "/online");
    }

    /** The built-in kinds on the first switch: its output (true/false as ON/OFF), power, energy in kWh, voltage. */
    @Override
    public Optional<AttributeSpec> shortcut(AttributeSpec a) {
        return switch (a.name()) {
            case "state" -> Optional.of(map(a, "switch:0.output", AttributeMapping.onOff("true", "false"), 1));
            case "power" -> Optional.of(map(a, "switch:0.apower", Map.of(), 1));
            case "energy" -> Optional.of(map(a, "switch:0.aenergy.total", Map.of(), 0.001));
            case "voltage" -> Optional.of(map(a, "switch:0.voltage", Map.of(), 1));
            case "current" -> Optional.of(map(a, "switch:0.current", Map.of(), 1));
            case "action" -> Optional.of(a.withMapping(a.mapping().withSource(List.of("input:0"))));
            case "linkquality" -> Optional.empty();
            default -> Optional.of(a);
        };
    }

    private static AttributeSpec map(AttributeSpec a, String dotted, Map<String, String> values, double scale) {
        return a.withMapping(a.mapping().withSource(AttributeMapping.path(dotted)).withValues(values).withScale(scale));
    }

    /**
     * An event attribute whose source is a component ({@code input:0}) is that component's {@code NotifyEvent}s: each
     * press one event, as Shelly names it ({@code single_push}, {@code double_push}, {@code long_push}, {@code btn_down}…).
     */
    @Override
    public List<Source> sources(AttributeSpec attribute) {
        List<String> path = DeviceFormat.pathOf(attribute);
        if (attribute.type() == ValueType.EVENT && path.size() == 1) {
            return List.of(new Source(prefix + "/events/rpc", List.of("params", "events", FieldTree.element("component", path.get(0)), "event")));
        }
        List<String> notified = new ArrayList<>(path.size() + 1);
        notified.add("params");
        notified.addAll(path);
        return List.of(new Source(prefix + "/status/" + path.get(0), path.subList(1, path.size())),
                new Source(prefix + "/events/rpc", notified));
    }

    /** A switch's or light's {@code output}, a light's {@code brightness}: what {@code <Component>.Set} takes. */
    @Override
    public boolean commands(AttributeSpec attribute) {
        List<String> path = DeviceFormat.pathOf(attribute);
        return path.size() == 2 && component(path.get(0)).isPresent() && parameter(path.get(1)).isPresent();
    }

    /** One call per component, with every parameter for it. */
    @Override
    public List<Command> encode(Map<String, AttributeSpec> attributes, SortedMap<String, Value> values) {
        Map<String, StringBuilder> params = new TreeMap<>();
        values.forEach((name, value) -> {
            AttributeSpec spec = attributes.get(name);
            List<String> path = DeviceFormat.pathOf(spec);
            StringBuilder p = params.computeIfAbsent(path.get(0), c -> new StringBuilder("\"id\":" + component(c).orElseThrow().id()));
            p.append(",\"").append(parameter(path.get(1)).orElseThrow()).append("\":").append(spec.mapping().toPayload(value));
        });
        List<Command> out = new ArrayList<>(params.size());
        params.forEach((component, p) -> out.add(new Command(prefix + "/rpc", "{\"id\":" + REQUESTS.incrementAndGet()
                + ",\"src\":\"" + SOURCE + "\",\"method\":\"" + component(component).orElseThrow().method()
                + "\",\"params\":{" + p + "}}")));
        return out;
    }

    private record Component(String method, int id) {
    }

    /** {@code switch:0} → Switch.Set on id 0; {@code light:1} → Light.Set on id 1. */
    private static Optional<Component> component(String name) {
        int colon = name.indexOf(':');
        if (colon < 0) return Optional.empty();
        String type = name.substring(0, colon);
        if (!type.equals("switch") && !type.equals("light")) return Optional.empty();
        try {
            return Optional.of(new Component(type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1) + ".Set",
                    Integer.parseInt(name.substring(colon + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> parameter(String field) {
        return switch (field) {
            case "output" -> Optional.of("on");
            case "brightness" -> Optional.of("brightness");
            default -> Optional.empty();
        };
    }
}
