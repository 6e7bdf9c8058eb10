package dev.hearth.gateway.history;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.CompactBytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive points of one attribute ("series"), stored as one row: a row per point cost three B-tree
 * inserts each, and a flood of sensor messages spent most of the gateway's CPU there. A chunk holds the
 * points of one series from one flush, in arrival order, with times to the microsecond.
 *
 * <p>Encoding: a count and the first point's offset from the earliest, then per point the time as a
 * zig-zag varint difference (in µs) to the previous point, a kind byte and the value: nothing for a boolean, 8 bytes for a
 * number, a varint length and UTF-8 for a text.
 */
record HistoryChunk(DeviceId device, String attribute, long firstMicros, long lastMicros, int count, byte[] data) {
    /** A chunk never spans more than this, so a time-range query knows how far back a chunk can start. */
    static final Duration MAX_SPAN = Duration.ofHours(1);
    private static final long MAX_SPAN_MICROS = MAX_SPAN.toNanos() / 1_000;
    static final int MAX_POINTS = 2_048;
    static final int MAX_BYTES = 32 * 1024;
    static final int MAX_TEXT = 1024;

    private static final byte FALSE = 0;
    private static final byte TRUE = 1;
    private static final byte NUMBER = 2;
    private static final byte TEXT = 3;

    static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** The points of one series, in arrival order, cut into chunks within the size and span limits. */
    static List<HistoryChunk> of(DeviceId device, String attribute, List<HistoryPoint> series) {
        Accumulator a = new Accumulator(device, attribute);
        for (HistoryPoint p : series) a.add(p.at(), p.value());
        return a.chunks();
    }

    /** One attribute of one device. */
    record Series(DeviceId device, String attribute) {
        /** Written out, as {@link DeviceId#equals}: a map key on every state change, under the C1-only JIT. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Series other && device.equals(other.device) && attribute.equals(other.attribute);
        }

        @Override
        public int hashCode() {
            return 31 * device.hashCode() + attribute.hashCode();
        }
    }

    /**
     * The points of one series as they arrive, encoded at once: about 11 bytes a number where a buffered
     * {@link HistoryPoint} costs some 70 bytes of heap and work for the garbage collector.
     */
    static final class Accumulator {
        private final DeviceId device;
        private final String attribute;
        private final List<HistoryChunk> full = new ArrayList<>();
        private Builder current;

        Accumulator(DeviceId device, String attribute) {
            this.device = device;
            this.attribute = attribute;
        }

        /** Adds a point; returns how many bytes it took. */
        int add(Instant at, Value value) {
            long micros = micros(at);
            if (current == null || !current.fits(micros)) {
                if (current != null) full.add(current.build(device, attribute));
                current = new Builder(micros);
            }
            int before = current.out.size();
            current.add(micros, value);
            return current.out.size() - before;
        }

        /** Everything added, as chunks; the accumulator is done. */
        List<HistoryChunk> chunks() {
            if (current != null) full.add(current.build(device, attribute));
            current = null;
            return full;
        }
    }

    /** The points, in the order they were appended. */
    List<HistoryPoint> points() {
        ByteBuffer in = ByteBuffer.wrap(data);
        int n = (int) readVarLong(in);
        List<HistoryPoint> out = new ArrayList<>(n);
        long at = firstMicros + readVarLong(in);
        for (int i = 0; i < n; i++) {
            at += CompactBytes.unzigzag(readVarLong(in));
            out.add(new HistoryPoint(device, attribute, instant(at), readValue(in)));
        }
        return out;
    }

    private static Value readValue(ByteBuffer in) {
        byte kind = in.get();
        return switch (kind) {
            case FALSE -> Value.of(false);
            case TRUE -> Value.of(true);
            case NUMBER -> Value.of(in.getDouble());
            case TEXT -> {
                byte[] text = new byte[(int) readVarLong(in)];
                in.get(text);
                yield Value.of(new String(text, StandardCharsets.UTF_8));
            }
            default -> throw new IllegalStateException("history chunk with an unknown value kind " + kind);
        };
    }

    private static final class Builder {
        private final CompactBytes out = new CompactBytes(64);
        private final long first;
        private long previous;
        private long min;
        private long max;
        private int count;

        Builder(long first) {
            this.first = first;
            this.previous = first;
            this.min = first;
            this.max = first;
        }

        boolean fits(long at) {
            long span = Math.max(max, at) - Math.min(min, at);
            return count < MAX_POINTS && out.size() < MAX_BYTES && span <= MAX_SPAN_MICROS;
        }

        void add(long at, Value value) {
            out.varint(CompactBytes.zigzag(at - previous));
            previous = at;
            min = Math.min(min, at);
            max = Math.max(max, at);
            count++;
            if (value instanceof Value.Bool b) {
                out.write(b.value() ? TRUE : FALSE);
            } else if (value instanceof Value.Number n) {
                out.write(NUMBER);
                long bits = Double.doubleToLongBits(n.value());
                out.writeLong(bits);
            } else {
                writeText(value.toString()); // text as it is, a composite as its JSON
            }
        }

        private void writeText(String value) {
            String text = value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.write(TEXT);
            out.varint(utf8.length);
            out.writeBytes(utf8, utf8.length);
        }

        /** The chunk starts at its earliest point, which is not the first one when the clock stepped back. */
        HistoryChunk build(DeviceId device, String attribute) {
            CompactBytes all = new CompactBytes(out.size() + 10);
            all.varint(count);
            all.varint(first - min);
            all.writeBytes(out);
            return new HistoryChunk(device, attribute, min, max, count, all.toByteArray());
        }
    }

    private static long readVarLong(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) return v;
        }
    }
}
