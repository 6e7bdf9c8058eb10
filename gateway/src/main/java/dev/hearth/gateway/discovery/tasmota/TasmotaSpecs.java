package dev.hearth.gateway.discovery.tasmota;

import dev.hearth.gateway.device.AttributeMapping;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceFormat;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.MappedFormat;
import dev.hearth.gateway.device.TasmotaFormat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A discovered Tasmota device as Hearth's {@link DeviceSpec}: relays {@code power}, {@code power1}…; sensor values
 * named by their path ({@code energy_power}). Devices on Tasmota's default topic layout use the {@code tasmota}
 * format (which also reads {@code stat/…/RESULT} and {@code tele/…/STATE}); any other full topic maps every
 * attribute on the topics the config gives.
 */
final class TasmotaSpecs {
    private TasmotaSpecs() {
    }

    /** The device's Topic, as Hearth writes names: unique per broker, which the device name often is not ("Tasmota"). */
    static DeviceId id(TasmotaConfig c) {
        String id = c.topic().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        return new DeviceId(id.isEmpty() ? "tasmota_" + c.mac().toLowerCase(Locale.ROOT) : id);
    }

    static DeviceSpec spec(TasmotaConfig c, List<TasmotaSensor> sensors) {
        boolean standard = c.availabilityTopic().equals("tele/" + c.topic() + "/LWT")
                && c.relays().stream().allMatch(r -> r.stateTopic().equals("stat/" + c.topic() + "/" + r.name()))
                && c.sensorTopic().equals("tele/" + c.topic() + "/SENSOR");
        Map<String, AttributeSpec> attributes = new LinkedHashMap<>();
        for (TasmotaConfig.Relay r : c.relays()) attributes.put(r.name().toLowerCase(Locale.ROOT), relay(r, standard));
        for (TasmotaSensor s : sensors) {
            if (s.path().stream().anyMatch(p -> p.matches("\\d+"))) continue; // list elements: not addressable by field names
            attributes.putIfAbsent(s.attribute(), sensor(s, c.sensorTopic(), standard));
        }
        for (TasmotaConfig.Button b : c.buttons()) attributes.put("button" + b.number(), button(b, standard));
        for (TasmotaConfig.Switch s : c.switches()) attributes.put("switch" + s.number(), switchInput(s, standard));
        DeviceFormat format = standard ? new TasmotaFormat(c.topic()) : new MappedFormat();
        String name = c.deviceName().isBlank() || c.deviceName().equals("Tasmota")
                ? c.relays().stream().map(TasmotaConfig.Relay::friendlyName).filter(n -> !n.isBlank()).findFirst().orElse(c.topic())
                : c.deviceName();
        DeviceKind kind = !c.relays().isEmpty() ? DeviceKind.SWITCH
                : c.buttons().isEmpty() && c.switches().isEmpty() ? DeviceKind.GENERIC : DeviceKind.BUTTON;
        return new DeviceSpec(id(c), name, "", kind, format, Optional.of(c.availabilityTopic()), attributes);
    }

    private static AttributeSpec relay(TasmotaConfig.Relay r, boolean standard) {
        AttributeMapping m = AttributeMapping.NONE.withValues(Map.of(r.on(), "ON", r.off(), "OFF"));
        m = standard ? m.withSource(List.of(r.name()))
                : m.withTopic(r.stateTopic()).withCommand(new AttributeMapping.CommandTemplate(r.commandTopic(), AttributeMapping.CommandTemplate.VALUE));
        return AttributeSpec.options(r.name().toLowerCase(Locale.ROOT), "ON", "OFF").settable().withMapping(m);
    }

    /** Every press an event ({@code single}, {@code double}, … {@code hold}), the same press twice too. */
    private static AttributeSpec button(TasmotaConfig.Button b, boolean standard) {
        AttributeMapping m = AttributeMapping.NONE.withSource(List.of("Button" + b.number(), "Action")).withValues(b.actions());
        String[] events = b.actions().values().stream().distinct().sorted().toArray(String[]::new);
        return AttributeSpec.event("button" + b.number(), events).withMapping(standard ? m : m.withTopic(b.topic()));
    }

    /** Every action of a switch an event ({@code toggle}, {@code hold}, {@code on}…), the same one twice too. */
    private static AttributeSpec switchInput(TasmotaConfig.Switch s, boolean standard) {
        AttributeMapping m = AttributeMapping.NONE.withSource(List.of(s.name(), "Action")).withValues(s.actions());
        String[] events = s.actions().values().stream().distinct().sorted().toArray(String[]::new);
        return AttributeSpec.event("switch" + s.number(), events).withMapping(standard ? m : m.withTopic(s.topic()));
    }

    private static AttributeSpec sensor(TasmotaSensor s, String topic, boolean standard) {
        AttributeSpec a = s.numeric() ? AttributeSpec.number(s.attribute(), s.unit(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
                : AttributeSpec.text(s.attribute());
        AttributeMapping m = AttributeMapping.NONE.withSource(s.path());
        return a.withMapping(standard ? m : m.withTopic(topic));
    }
}
