package dev.hearth.gateway.logging;

/**
 * Makes outside text (device values, topics, payload excerpts, paths, user names) safe for a log
 * line: control characters become visible escapes, so a value cannot start a forged line or colour
 * the terminal, and long values are cut, so one device cannot write 60 KB lines.
 */
public final class SafeText {
    /** A logged value longer than this is cut. */
    public static final int MAX_VALUE = 200;

    private SafeText() {
    }

    /** The first {@code max} characters and how many were left off: {@code abc…(N more)}. */
    public static String cut(String text, int max) {
        if (text.length() <= max) return text;
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…(" + (text.length() - end) + " more)";
    }

    /** Newline, CR and tab as {@code \n \r \t}; other C0 and C1 controls, DEL and the Unicode line separators as {@code \}{@code uXXXX}. */
    public static String escape(String text) {
        int first = firstUnsafe(text);
        if (first < 0) return text;
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** Cut to {@link #MAX_VALUE}, then escaped. */
    public static String of(Object value) {
        return escape(cut(String.valueOf(value), MAX_VALUE));
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) return i;
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
