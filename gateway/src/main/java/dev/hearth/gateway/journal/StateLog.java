package dev.hearth.gateway.journal;

import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.store.CompactBytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLDataException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoding of one row of {@code device_state_log}: the attribute values of one journal batch, in the batch's order.
 * Times are kept to the millisecond, as {@code device_state.last_changed} keeps them, so a value reads back the same
 * from the log as from the table it is later folded into.
 * <p>
 * Version 2 writes each text (device, attribute, value) once per row and times as milliseconds after the row's first:
 * a batch repeats attribute names across devices, device names across attributes and a few values ({@code true},
 * {@code ON}), and every byte of a row is inserted, compressed and written 20 times a second under load:
 * {@code int -2, varint texts, UTF texts…, varint states, long first time, then per state varint device, varint
 * attribute, byte type, varint value, zigzag varint time after the first}. Rows of version 1 (an int count, then per
 * state three UTF strings, a type byte and an epoch-millisecond long) still read: a crash leaves them in the log.
 */
final class StateLog {
    /**
     * What the columns of {@code device_state} hold: the log takes nothing the table would refuse when the log is
     * folded into it (that would fail every later batch, not just this one).
     */
    static final int MAX_NAME = 64;
    static final int MAX_TEXT = dev.hearth.gateway.device.AttributeSpec.MAX_TEXT;
    /** Where version 1 held its (never negative) count. */
    private static final int VERSION_2 = -2;

    private StateLog() {
    }

    static byte[] encode(Collection<AutomationStore.StoredState> states) throws SQLDataException {
        Map<String, Integer> texts = new LinkedHashMap<>();
        int[] indexes = new int[3 * states.size()];
        int i = 0;
        for (AutomationStore.StoredState s : states) {
            String text = s.value().toString();
            requireAtMost(s, "device id", s.device(), MAX_NAME);
            requireAtMost(s, "attribute name", s.attribute(), MAX_NAME);
            requireAtMost(s, "value", text, MAX_TEXT);
            indexes[i++] = index(texts, s.device());
            indexes[i++] = index(texts, s.attribute());
            indexes[i++] = index(texts, text);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 16 * texts.size() + 8 * states.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION_2);
            varint(out, texts.size());
            for (String text : texts.keySet()) out.writeUTF(text);
            varint(out, states.size());
            long first = states.isEmpty() ? 0 : states.iterator().next().lastChanged().toEpochMilli();
            out.writeLong(first);
            i = 0;
            for (AutomationStore.StoredState s : states) {
                varint(out, indexes[i++]);
                varint(out, indexes[i++]);
                out.writeByte(typeOf(s.value()));
                varint(out, indexes[i++]);
                long after = s.lastChanged().toEpochMilli() - first;
                varint(out, CompactBytes.zigzag(after));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    static List<AutomationStore.StoredState> decode(byte[] row) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(row))) {
            int head = in.readInt();
            if (head >= 0) return versionOne(in, head);
            if (head != VERSION_2) throw new IOException("a row in format " + head + " (this gateway reads 1 and 2)");
            String[] texts = new String[count(in, row)];
            for (int i = 0; i < texts.length; i++) texts[i] = in.readUTF();
            int n = count(in, row);
            long first = in.readLong();
            List<AutomationStore.StoredState> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String device = texts[(int) varint(in)];
                String attribute = texts[(int) varint(in)];
                char type = (char) in.readByte();
                String text = texts[(int) varint(in)];
                long after = varint(in);
                Instant lastChanged = Instant.ofEpochMilli(first + CompactBytes.unzigzag(after));
                out.add(new AutomationStore.StoredState(device, attribute, AutomationStore.value(String.valueOf(type), text), lastChanged));
            }
            return out;
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("a state names a text the row does not hold", e);
        }
    }

    /** A count of things each at least a byte long: never more than the row holds (a damaged row must not allocate gigabytes). */
    private static int count(DataInputStream in, byte[] row) throws IOException {
        long n = varint(in);
        if (n > row.length) throw new IOException("a count of " + n + " in a row of " + row.length + " bytes");
        return (int) n;
    }

    private static List<AutomationStore.StoredState> versionOne(DataInputStream in, int n) throws IOException {
        List<AutomationStore.StoredState> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String device = in.readUTF();
            String attribute = in.readUTF();
            char type = (char) in.readByte();
            String text = in.readUTF();
            Instant lastChanged = Instant.ofEpochMilli(in.readLong());
            out.add(new AutomationStore.StoredState(device, attribute, AutomationStore.value(String.valueOf(type), text), lastChanged));
        }
        return out;
    }

    private static int index(Map<String, Integer> texts, String text) {
        Integer known = texts.putIfAbsent(text, texts.size());
        return known == null ? texts.size() - 1 : known;
    }

    /** Seven bits a byte, low first, the high bit set on all but the last. */
    private static void varint(DataOutputStream out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    private static long varint(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new IOException("a number longer than 64 bits");
    }

    /** Refused as H2 would refuse it (SQLSTATE 22001), so that the batch's transaction is rolled back. */
    private static void requireAtMost(AutomationStore.StoredState s, String what, String text, int max) throws SQLDataException {
        if (text.length() > max) {
            throw new SQLDataException(s.device() + "." + s.attribute() + ": a " + what + " of " + text.length()
                    + " characters (at most " + max + " are stored)", "22001");
        }
    }

    /** The {@code value_type} letter of {@code device_state}. */
    static char typeOf(Value v) {
        return v instanceof Value.Bool ? 'b' : v instanceof Value.Number ? 'n' : 't';
    }
}
