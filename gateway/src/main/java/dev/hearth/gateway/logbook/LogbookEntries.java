package dev.hearth.gateway.logbook;

import dev.hearth.gateway.bus.LocalMessage;

import java.util.List;

/** Entries just recorded, published on {@code hearth.logbook.entries} before they are written. */
public record LogbookEntries(List<LogbookEntry> entries) implements LocalMessage {
    public LogbookEntries {
        entries = List.copyOf(entries);
    }

    /** Asks the recorder to commit what it has published (on {@code hearth.logbook.flush}); the reply says it is done. */
    public record Flush() implements LocalMessage {
    }
}
