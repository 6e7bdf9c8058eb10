package dev.hearth.gateway.logbook;

import dev.hearth.gateway.store.CompactBytes;

import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a logbook chunk: a run of consecutive entries in one value, so that H2 stores a row per few hundred
 * entries instead of a row (a Value per column, an undo-log record, a B-tree insert) per entry. Encoding 1:
 * <pre>
 *   byte 1 | varint count | varint first id | zigzag first time (µs)
 *   per entry: varint id step | zigzag time step (µs) | kind, device, room, automation, text as string references
 * </pre>
 * A string reference is 0 for none, 1 for a new string (varint length, UTF-8) that takes the chunk's next dictionary
 * slot, or 2 + the slot of a string already in the chunk: kinds, devices, rooms, automations and the common texts
 * are written once per chunk. Anything else (another encoding, a bad reference, bytes left over) is an error.
 */
final class ChunkCodec {
    static final byte ENCODING = 1;
    private static final int NONE = 0;
    private static final int NEW = 1;
    private static final int SLOTS = 2;

    private ChunkCodec() {
    }

    /** The chunk of {@code entries} (increasing ids, at least one). */
    static byte[] encode(List<LogbookEntry> entries) {
        CompactBytes out = new CompactBytes(entries.size() * 24 + 32);
        Map<String, Integer> slots = new HashMap<>();
        LogbookEntry first = entries.get(0);
        out.write(ENCODING);
        out.varint(entries.size());
        out.varint(first.id());
        out.varint(CompactBytes.zigzag(LogbookStore.micros(first.at())));
        long id = first.id();
        long at = LogbookStore.micros(first.at());
        for (LogbookEntry e : entries) {
            long micros = LogbookStore.micros(e.at());
            out.varint(e.id() - id);
            out.varint(CompactBytes.zigzag(micros - at));
            id = e.id();
            at = micros;
            string(out, e.kind().apiName(), slots);
            string(out, e.device().orElse(null), slots);
            string(out, e.room().orElse(null), slots);
            string(out, e.automation().orElse(null), slots);
            string(out, e.text(), slots);
        }
        return out.toByteArray();
    }

    /** The entries of a chunk; {@link Corrupt} if the bytes are not a chunk this version wrote. */
    static DecodedChunk decode(byte[] chunk) throws Corrupt {
        Reader in = new Reader(chunk);
        int encoding = in.read();
        if (encoding != ENCODING) throw new Corrupt("unknown encoding " + encoding);
        long count = in.varint();
        if (count < 1 || count > chunk.length) throw new Corrupt("impossible entry count " + count);
        long id = in.varint();
        long at = CompactBytes.unzigzag(in.varint());
        DecodedChunk decoded = new DecodedChunk(chunk, (int) count);
        for (int i = 0; i < count; i++) {
            id += in.varint();
            at += CompactBytes.unzigzag(in.varint());
            LogbookEntry.Kind kind = decoded.kindOfSlot(in.slot(decoded));
            decoded.add(id, at, kind, in.slot(decoded), in.slot(decoded), in.slot(decoded), in.slot(decoded));
        }
        if (in.position < chunk.length) throw new Corrupt((chunk.length - in.position) + " bytes after the last entry");
        return decoded;
    }

    /**
     * A chunk that cannot be read: the logbook's query or retention fails (its transaction rolled back) instead of
     * skipping the chunk's entries.
     */
    static final class Corrupt extends SQLDataException {
        Corrupt(String message) {
            super(message);
        }
    }

    /** A string reference, adding the string to the chunk's dictionary if it is new. */
    private static void string(CompactBytes out, String value, Map<String, Integer> slots) {
        if (value == null) {
            out.varint(NONE);
            return;
        }
        Integer slot = slots.putIfAbsent(value, slots.size());
        if (slot != null) {
            out.varint(SLOTS + slot);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.varint(NEW);
        out.varint(utf8.length);
        out.writeBytes(utf8, utf8.length);
    }

    private static final class Reader {
        private final byte[] chunk;
        private int position;

        Reader(byte[] chunk) {
            this.chunk = chunk;
        }

        int read() throws Corrupt {
            if (position >= chunk.length) throw new Corrupt("cut short at byte " + position);
            return chunk[position++] & 0xFF;
        }

        long varint() throws Corrupt {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw new Corrupt("a number longer than 64 bits at byte " + position);
        }

        /** A string reference: the slot it names or adds, {@link DecodedChunk#NONE} for none. */
        int slot(DecodedChunk decoded) throws Corrupt {
            long reference = varint();
            if (reference == NONE) return DecodedChunk.NONE;
            if (reference >= SLOTS) {
                if (reference - SLOTS >= decoded.slotCount()) {
                    throw new Corrupt("reference to string " + (reference - SLOTS) + " of " + decoded.slotCount());
                }
                return (int) (reference - SLOTS);
            }
            long length = varint();
            if (length > chunk.length - position) throw new Corrupt("a string of " + length + " bytes past the end");
            int slot = decoded.addSlot(position, (int) length);
            position += (int) length;
            return slot;
        }
    }
}
