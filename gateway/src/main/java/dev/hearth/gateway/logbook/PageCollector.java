package dev.hearth.gateway.logbook;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A page being filled from chunks read newest first: it keeps the entries that match the query, below a cursor that
 * moves down past each chunk offered, and looks for one entry more than the page holds to know whether another follows.
 */
final class PageCollector {
    private final LogbookQuery query;
    private final long fromUs;
    private final long toUs;
    private final List<LogbookEntry> found = new ArrayList<>();
    /** Every entry at or above this id has been offered. */
    private long below;

    PageCollector(LogbookQuery query) {
        this.query = query;
        this.fromUs = LogbookStore.micros(query.from());
        this.toUs = LogbookStore.micros(query.to());
        this.below = query.before().orElse(Long.MAX_VALUE);
    }

    long fromUs() {
        return fromUs;
    }

    long toUs() {
        return toUs;
    }

    long below() {
        return below;
    }

    boolean full() {
        return found.size() > query.limit();
    }

    /** Takes the chunk's matching entries below the cursor, newest first, until the page is full. */
    void offer(LogbookChunks.Chunk chunk) throws ChunkCodec.Corrupt {
        DecodedChunk entries = chunk.decode();
        for (int i = entries.size() - 1; i >= 0 && !full(); i--) {
            if (entries.id(i) < below && matches(entries, i)) found.add(entries.entry(i));
        }
        below = Math.min(below, chunk.firstId());
    }

    private boolean matches(DecodedChunk entries, int i) {
        long at = entries.atUs(i);
        return at >= fromUs && at < toUs
                && (query.kinds().isEmpty() || query.kinds().contains(entries.kind(i)))
                && (query.device().isEmpty() || query.device().get().equals(entries.device(i)))
                && (query.room().isEmpty() || query.room().get().equals(entries.room(i)));
    }

    /** The entries found, with the next page's cursor when there are more. */
    LogbookQuery.Page page() {
        if (found.size() <= query.limit()) return new LogbookQuery.Page(found, OptionalLong.empty());
        List<LogbookEntry> page = found.subList(0, query.limit());
        return new LogbookQuery.Page(page, OptionalLong.of(page.get(page.size() - 1).id()));
    }
}
