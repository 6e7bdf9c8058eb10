package dev.hearth.gateway.mqtt;

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
}
