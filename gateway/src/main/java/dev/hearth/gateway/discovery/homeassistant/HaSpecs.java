package dev.hearth.gateway.discovery.homeassistant;

import dev.hearth.gateway.device.Access;
import dev.hearth.gateway.device.AttributeMapping;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.MappedFormat;
import dev.hearth.gateway.device.ValueType;
import dev.hearth.gateway.discovery.homeassistant.template.ValueTemplate;
import dev.hearth.gateway.json.JsonTree;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An assembled Home Assistant device as Hearth's {@link DeviceSpec}: every attribute mapped on its own topics. */
final class HaSpecs {
    private HaSpecs() {
    }

    static DeviceSpec spec(HaAssembly.Assembled d, Optional<String> availabilityTopic) {
        Map<String, AttributeSpec> attributes = new LinkedHashMap<>();
        d.attributes().forEach(a -> attributes.put(a.name(), attribute(a)));
        String room = d.device().flatMap(HaDevice::suggestedArea).orElse("");
        return new DeviceSpec(new DeviceId(d.id()), d.name(), room, kind(d), new MappedFormat(), availabilityTopic, attributes);
    }

    private static DeviceKind kind(HaAssembly.Assembled d) {
        if (d.components().contains(HaComponent.CLIMATE)) return DeviceKind.THERMOSTAT;
        if (d.components().contains(HaComponent.LIGHT)) return DeviceKind.LIGHT;
        if (d.components().equals(java.util.Set.of(HaComponent.SWITCH))) return DeviceKind.SWITCH;
        return DeviceKind.GENERIC;
    }

    static AttributeSpec attribute(HaAttribute a) {
        ValueType type = switch (a.type()) {
            case BOOLEAN -> ValueType.BOOLEAN;
            case NUMBER -> ValueType.NUMBER;
            case ENUM -> ValueType.ENUM;
            case TEXT -> ValueType.TEXT;
            case EVENT -> ValueType.EVENT;
        };
        Access access = new Access(a.published(), a.settable(), false);
        AttributeMapping mapping = AttributeMapping.NONE.withValues(a.values());
        if (a.stateTopic().isPresent()) mapping = mapping.withTopic(a.stateTopic().get());
        if (a.template().isPresent()) mapping = mapping.withTransform(transform(a.template().get()));
        if (a.command().isPresent()) {
            mapping = mapping.withCommand(new AttributeMapping.CommandTemplate(a.command().get().topic(),
                    a.command().get().payload().replace(HaAttribute.Command.VALUE, AttributeMapping.CommandTemplate.VALUE)));
        }
        return new AttributeSpec(a.name(), type, a.unit(), access, a.min(), a.max(), a.step(), a.options(), java.util.List.of(), mapping);
    }

    /** The template over the whole payload, rendered as Home Assistant compares it (text); empty when it is not carried. */
    private static AttributeMapping.Transform transform(ValueTemplate template) {
        return payload -> template.render(payload, JsonTree.parse(payload.getBytes(StandardCharsets.UTF_8))).map(ValueTemplate::text);
    }
}
