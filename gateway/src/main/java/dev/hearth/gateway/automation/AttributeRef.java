package dev.hearth.gateway.automation;

import dev.hearth.gateway.device.DeviceId;

import java.util.Objects;

/** A device attribute named in an automation: the key of the trigger index. */
public record AttributeRef(DeviceId device, String attribute) {
    public AttributeRef {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(attribute, "attribute");
    }

    @Override
    public String toString() {
        return device + "." + attribute;
    }
}
