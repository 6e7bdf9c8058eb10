package dev.hearth.sim.fault;

import java.time.Duration;

/** Misbehaviours a device (or its link) can show; each is something a gateway must survive. */
public sealed interface Fault {
    /** A state payload that is not valid JSON (invalid UTF-8 for value-per-topic devices). */
    record MalformedJson() implements Fault {
    }

    /** Well-formed, but attributes carry the wrong types ("warm" for a temperature). */
    record WrongType() implements Fault {
    }

    /** A state payload of {@code bytes} bytes, well-formed but far larger than any real device sends. */
    record Oversize(int bytes) implements Fault {
        public Oversize {
            if (bytes < 64) {
                throw new IllegalArgumentException("oversize payload must be at least 64 bytes");
            }
        }
    }

    /** The same state message twice in a row. */
    record Duplicate() implements Fault {
    }

    /** A newer reading followed by an older one (by {@code last_seen}); Zigbee2MQTT convention only. */
    record OutOfOrder() implements Fault {
    }

    /** The device's link dies without DISCONNECT, so the broker publishes its will. */
    record Offline() implements Fault {
    }

    /** The link dies and comes back {@code times} times, {@code pause} apart. */
    record Flap(int times, Duration pause) implements Fault {
        public Flap {
            if (times < 1) {
                throw new IllegalArgumentException("flap needs at least one cycle");
            }
        }
    }
}
