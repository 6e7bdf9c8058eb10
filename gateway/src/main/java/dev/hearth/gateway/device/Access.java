package dev.hearth.gateway.device;

/**
 * What can be done with an attribute, as Zigbee2MQTT's access bits say: the device publishes it (bit 1), it can be
 * set (bit 2), it can be read on request (bit 4: Hearth asks a discovered device for these once it listens to it). A
 * settable attribute that is not published ({@code transition}) is write-only: a command never waits for its echo.
 */
public record Access(boolean published, boolean settable, boolean gettable) {
    public static final Access PUBLISHED = new Access(true, false, false);
    public static final Access READ_WRITE = new Access(true, true, false);
    public static final Access WRITE_ONLY = new Access(false, true, false);

    public Access {
        if (!published && !settable) throw new IllegalArgumentException("neither published nor settable");
    }

    /** From Zigbee2MQTT's {@code access} bits (1 published, 2 settable, 4 gettable); empty when neither 1 nor 2. */
    public static java.util.Optional<Access> fromBits(int bits) {
        boolean published = (bits & 1) != 0;
        boolean settable = (bits & 2) != 0;
        if (!published && !settable) return java.util.Optional.empty();
        return java.util.Optional.of(new Access(published, settable, (bits & 4) != 0));
    }
}
