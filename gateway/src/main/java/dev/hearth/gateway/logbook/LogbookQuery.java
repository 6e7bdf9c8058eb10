package dev.hearth.gateway.logbook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A page of the logbook, newest first: entries in {@code [from, to)}, optionally of one device, one room and some
 * kinds, older than the cursor {@code before} (the {@code id} of the last entry of the previous page).
 */
public record LogbookQuery(Instant from, Instant to, Optional<String> device, Optional<String> room,
                           Set<LogbookEntry.Kind> kinds, OptionalLong before, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    public LogbookQuery {
        kinds = Set.copyOf(kinds);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit outside 1.." + MAX_LIMIT);
    }

    /** The entries and, when older ones match too, the cursor of the next page. */
    public record Page(List<LogbookEntry> entries, OptionalLong next) {
        public Page {
            entries = List.copyOf(entries);
        }
    }
}
