package dev.hearth.gateway.logbook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the logbook: what happened in the home, in words, with the device (and its room) or automation it
 * concerns. {@code id} grows with every entry: it orders entries as they happened and is the paging cursor.
 */
public record LogbookEntry(long id, Instant at, Kind kind, Optional<String> device, Optional<String> room,
                           Optional<String> automation, String text) {

    /** What an entry records; the names are the API's {@code kind} values. */
    public enum Kind {
        /** An attribute took a new value. */
        STATE("state"),
        /** A momentary report such as a button press (an {@code action} attribute, as Zigbee2MQTT names it). */
        EVENT("event"),
        /** A device went online or offline. */
        AVAILABILITY("availability"),
        /** An automation ran or did not (its outcome and why). */
        AUTOMATION("automation"),
        /** A command its device confirmed, or never did. */
        COMMAND("command");

        private final String apiName;

        Kind(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        public static Optional<Kind> named(String name) {
            return Arrays.stream(values()).filter(k -> k.apiName.equals(name)).findFirst();
        }

        public static List<String> names() {
            return Arrays.stream(values()).map(Kind::apiName).toList();
        }
    }

    /** Texts are capped where they are stored: a device cannot fill the logbook with one huge value. */
    static final int MAX_TEXT = 1000;

    public LogbookEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    }
}
