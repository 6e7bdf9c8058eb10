package dev.hearth.gateway.logbook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A chunk read by {@link ChunkCodec}: each entry's id, time, kind and string slots, the strings made only when asked
 * for, so that a page filtering a chunk by device, room or kind builds only the entries it keeps.
 */
final class DecodedChunk {
    /** The slot of a string an entry does not have. */
    static final int NONE = -1;

    private final byte[] bytes;
    private final long[] ids;
    private final long[] atUs;
    private final LogbookEntry.Kind[] kinds;
    /** Per entry: the slots of its device, room, automation and text. */
    private final int[] slotsOf;
    private int size;
    private int[] slotOffsets = new int[32];
    private int[] slotLengths = new int[32];
    private String[] slotValues = new String[32];
    private int slots;
    /** The kinds named so far, by slot: a chunk names each kind once. */
    private final LogbookEntry.Kind[] kindSlots = new LogbookEntry.Kind[LogbookEntry.Kind.values().length];
    private final int[] kindSlotNumbers = new int[LogbookEntry.Kind.values().length];
    private int kindsNamed;

    DecodedChunk(byte[] bytes, int count) {
        this.bytes = bytes;
        this.ids = new long[count];
        this.atUs = new long[count];
        this.kinds = new LogbookEntry.Kind[count];
        this.slotsOf = new int[count * 4];
    }

    /** A new string slot: the UTF-8 bytes at {@code offset}; returns its number. */
    int addSlot(int offset, int length) {
        if (slots == slotOffsets.length) {
            slotOffsets = Arrays.copyOf(slotOffsets, slots * 2);
            slotLengths = Arrays.copyOf(slotLengths, slots * 2);
            slotValues = Arrays.copyOf(slotValues, slots * 2);
        }
        slotOffsets[slots] = offset;
        slotLengths[slots] = length;
        return slots++;
    }

    int slotCount() {
        return slots;
    }

    /** The kind a slot names: {@link ChunkCodec.Corrupt} for none or a name this version does not know. */
    LogbookEntry.Kind kindOfSlot(int slot) throws ChunkCodec.Corrupt {
        if (slot == NONE) throw new ChunkCodec.Corrupt("an entry without a kind");
        for (int k = 0; k < kindsNamed; k++) {
            if (kindSlotNumbers[k] == slot) return kindSlots[k];
        }
        String name = string(slot);
        LogbookEntry.Kind kind = LogbookEntry.Kind.named(name).orElseThrow(() -> new ChunkCodec.Corrupt("unknown kind " + name));
        if (kindsNamed == kindSlots.length) throw new ChunkCodec.Corrupt("kind " + name + " named twice");
        kindSlotNumbers[kindsNamed] = slot;
        kindSlots[kindsNamed++] = kind;
        return kind;
    }

    void add(long id, long at, LogbookEntry.Kind kind, int device, int room, int automation, int text) throws ChunkCodec.Corrupt {
        if (text == NONE) throw new ChunkCodec.Corrupt("an entry without a text");
        ids[size] = id;
        atUs[size] = at;
        kinds[size] = kind;
        slotsOf[size * 4] = device;
        slotsOf[size * 4 + 1] = room;
        slotsOf[size * 4 + 2] = automation;
        slotsOf[size * 4 + 3] = text;
        size++;
    }

    int size() {
        return size;
    }

    long id(int i) {
        return ids[i];
    }

    long atUs(int i) {
        return atUs[i];
    }

    LogbookEntry.Kind kind(int i) {
        return kinds[i];
    }

    /** The entry's device, null for none. */
    String device(int i) {
        return string(slotsOf[i * 4]);
    }

    /** The entry's room, null for none. */
    String room(int i) {
        return string(slotsOf[i * 4 + 1]);
    }

    LogbookEntry entry(int i) {
        return new LogbookEntry(ids[i], Instant.EPOCH.plus(atUs[i], ChronoUnit.MICROS), kinds[i], Optional.ofNullable(device(i)),
                Optional.ofNullable(room(i)), Optional.ofNullable(string(slotsOf[i * 4 + 2])), string(slotsOf[i * 4 + 3]));
    }

    /** Every entry, oldest first. */
    List<LogbookEntry> entries() {
        List<LogbookEntry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) entries.add(entry(i));
        return entries;
    }

    private String string(int slot) {
        if (slot == NONE) return null;
        if (slotValues[slot] == null) slotValues[slot] = new String(bytes, slotOffsets[slot], slotLengths[slot], StandardCharsets.UTF_8);
        return slotValues[slot];
    }
}
