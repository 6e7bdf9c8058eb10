package dev.hearth.gateway.message;

/**
 * MQTT topic filter matching as the broker does it: {@code +} one level, {@code #} the rest, and
 * {@code $} topics (broker internals) only by filters that name them.
 */
public final class TopicFilter {
    private TopicFilter() {
    }

    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && !filter.startsWith("$")) return false;
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
        }
        return f.length == t.length;
    }

    /** Null when valid, else what is wrong. */
    public static String problem(String filter) {
        if (filter.isEmpty()) return "topic filter is empty";
        String[] f = filter.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].contains("#") && (!f[i].equals("#") || i != f.length - 1)) return "'#' must be the last level on its own";
            if (f[i].contains("+") && !f[i].equals("+")) return "'+' must be a whole level";
        }
        return null;
    }

    /**
     * True when every topic {@code narrower} matches is also matched by {@code broader}. A broker
     * may deliver a message once per matching subscription (Mosquitto does), so subscribing to both
     * would hand us the same message twice.
     */
    public static boolean covers(String broader, String narrower) {
        String[] b = broader.split("/", -1);
        String[] n = narrower.split("/", -1);
        if (narrower.startsWith("$") && !broader.startsWith("$")) return false;
        for (int i = 0; i < b.length; i++) {
            if (b[i].equals("#")) return true;
            if (i >= n.length || n[i].equals("#")) return false;
            if (!b[i].equals("+") && !b[i].equals(n[i])) return false;
        }
        return b.length == n.length;
    }

    /** The filters to subscribe to so that each topic is matched by exactly one of them: none covered by another, in the given order. */
    public static java.util.List<String> minimalCover(java.util.Collection<String> filters) {
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>(filters);
        // Only a filter with a wildcard covers another (two distinct filters never cover each other).
        java.util.List<String> wildcards = distinct.stream().filter(f -> f.contains("+") || f.contains("#")).toList();
        return distinct.stream().filter(f -> wildcards.stream().noneMatch(w -> !w.equals(f) && covers(w, f))).toList();
    }
}
