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
        List<LogbookEntry> entries = chunk.entries();
        for (int i = entries.size() - 1; i >= 0 && !full(); i--) {
            LogbookEntry e = entries.get(i);
            if (e.id() < below && matches(e)) found.add(e);
        }
        below = Math.min(below, chunk.firstId());
    }

    private boolean matches(LogbookEntry e) {
        long at = LogbookStore.micros(e.at());
        return at >= fromUs && at < toUs
                && (query.device().isEmpty() || query.device().equals(e.device()))
                && (query.room().isEmpty() || query.room().equals(e.room()))
                && (query.kinds().isEmpty() || query.kinds().contains(e.kind()));
    }

    /** The entries found, with the next page's cursor when there are more. */
    LogbookQuery.Page page() {
        if (found.size() <= query.limit()) return new LogbookQuery.Page(found, OptionalLong.empty());
        List<LogbookEntry> page = found.subList(0, query.limit());
        return new LogbookQuery.Page(page, OptionalLong.of(page.get(page.size() - 1).id()));
    }
}
