package dev.hearth.gateway.discovery;

import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;

import java.util.Objects;

/** What a {@link DiscoverySource} learned from one message, device by device. */
public sealed interface DiscoveryChange {

    /** A device exists as described: new, or described anew (its state is kept). */
    record Found(DeviceSpec device) implements DiscoveryChange {
        public Found {
            Objects.requireNonNull(device, "device");
        }
    }

    /** A known device goes by a new id now (renamed where it was paired): its state goes with it. */
    record Renamed(DeviceId from, DeviceSpec device) implements DiscoveryChange {
        public Renamed {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(device, "device");
        }
    }

    /** A device is gone (removed where it was paired). */
    record Lost(DeviceId device) implements DiscoveryChange {
        public Lost {
            Objects.requireNonNull(device, "device");
        }
    }

    /** A device's reachability as its source says, for instance every device of a bridge that went offline. */
    record Reachability(DeviceId device, Availability availability) implements DiscoveryChange {
        public Reachability {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(availability, "availability");
        }
    }

    /** The message could not be read: counted and logged; it changes no device. */
    record Refused(String topic, String why) implements DiscoveryChange {
        public Refused {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(why, "why");
        }
    }
}
