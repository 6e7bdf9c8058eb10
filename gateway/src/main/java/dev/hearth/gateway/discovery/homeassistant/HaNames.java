package dev.hearth.gateway.discovery.homeassistant;

import java.util.Locale;

/** Names as Hearth writes them: lower case, each run of characters outside {@code [a-z0-9_]} one {@code _}, none at either end. */
final class HaNames {
    private HaNames() {
    }

    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        return s;
    }
}
