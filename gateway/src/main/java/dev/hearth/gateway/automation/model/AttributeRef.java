package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceId;

import java.util.Objects;

/** A device attribute named in an automation: the key of the trigger index. */
public record AttributeRef(DeviceId device, String attribute) {
    public AttributeRef {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(attribute, "attribute");
    }

    /** Written out, as {@link DeviceId#equals}: a map key on every state change, under the C1-only JIT. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeRef other && device.equals(other.device) && attribute.equals(other.attribute);
    }

    @Override
    public int hashCode() {
        return 31 * device.hashCode() + attribute.hashCode();
    }

    @Override
    public String toString() {
        return device + "." + attribute;
    }
}
