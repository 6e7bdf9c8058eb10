package dev.hearth.gateway.store;

import java.util.Arrays;

/**
 * A growing byte buffer for one thread, with the variable-length integers of the features' compact row encodings
 * (history chunks, logbook chunks): seven bits a byte, low first, the high bit set on all but the last; signed
 * steps zigzagged first so that small negative ones stay short. {@link java.io.ByteArrayOutputStream} would take
 * its monitor on every byte.
 */
public final class CompactBytes {
    private byte[] buffer;
    private int size;

    public CompactBytes(int capacity) {
        buffer = new byte[capacity];
    }

    public int size() {
        return size;
    }

    public void write(int b) {
        if (size == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
        buffer[size++] = (byte) b;
    }

    /** Big-endian. */
    public void writeLong(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) write((int) (v >>> shift));
    }

    public void writeBytes(byte[] bytes, int length) {
        if (size + length > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
        System.arraycopy(bytes, 0, buffer, size, length);
        size += length;
    }

    /** Appends what {@code other} holds. */
    public void writeBytes(CompactBytes other) {
        writeBytes(other.buffer, other.size);
    }

    public void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        write((int) v);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
