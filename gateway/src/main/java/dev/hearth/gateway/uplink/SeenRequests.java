package dev.hearth.gateway.uplink;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The correlation data of the remote commands taken lately, so that one the broker delivers again (the link dropped
 * before our PUBACK, the session resumed) is not executed twice. Bounded: the oldest are forgotten first.
 */
final class SeenRequests {
    private final Map<String, Boolean> seen;

    SeenRequests(int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time these correlation data are offered. */
    boolean firstTime(byte[] correlationData) {
        return seen.putIfAbsent(HexFormat.of().formatHex(correlationData), Boolean.TRUE) == null;
    }
}
