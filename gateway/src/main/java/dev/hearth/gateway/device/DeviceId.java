package dev.hearth.gateway.device;

import java.util.Objects;
import java.util.regex.Pattern;

/** A device's stable identifier as written in devices.yaml: lower case letters, digits and underscores. */
public record DeviceId(String value) implements Comparable<DeviceId> {
    private static final Pattern VALID = Pattern.compile("[a-z0-9_]{1,64}");

    public DeviceId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) throw new IllegalArgumentException("invalid device id: " + value);
    }

    public static boolean isValid(String value) {
        return VALID.matcher(value).matches();
    }

    @Override
    public int compareTo(DeviceId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
