package dev.hearth.bench;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's automation logic written by hand, as the floor runs it: motion_i switches
 * light_i on when occupancy becomes true and off when it becomes false (never on a device's first
 * report), and temp_j crossing above {@link Workload#THRESHOLD} switches a light on. The same rules
 * Hearth loads as YAML and Node-RED runs as a function node. Not thread-safe: one caller.
 */
final class Mapping {
    /** A command to publish. */
    record Command(String topic, byte[] payload) {
    }

    private static final byte[] ON = "{\"state\":\"ON\",\"brightness\":200}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OFF = "{\"state\":\"OFF\"}".getBytes(StandardCharsets.UTF_8);
    private static final String MOTION = Workload.PREFIX + "/motion_";
    private static final String TEMP = Workload.PREFIX + "/temp_";

    private final Map<String, Boolean> occupancy = new HashMap<>();
    private final Map<String, Double> temperature = new HashMap<>();

    /** The command a state message causes, or null. */
    Command onState(String topic, byte[] payload) {
        String json = new String(payload, StandardCharsets.UTF_8);
        if (topic.startsWith(MOTION)) return onMotion(topic, json);
        if (topic.startsWith(TEMP)) return onTemperature(topic, json);
        return null;
    }

    private Command onMotion(String topic, String json) {
        String value = field(json, "occupancy");
        if (value == null || !(value.equals("true") || value.equals("false"))) return null;
        boolean now = value.equals("true");
        Boolean before = occupancy.put(topic, now);
        if (before == null || before == now) return null;
        String pair = topic.substring(MOTION.length());
        return new Command(Workload.PREFIX + "/light_" + pair + "/set", now ? ON : OFF);
    }

    private Command onTemperature(String topic, String json) {
        String value = field(json, "temperature");
        if (value == null) return null;
        double now;
        try {
            now = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
        Double before = temperature.put(topic, now);
        boolean crossed = now > Workload.THRESHOLD && (before == null || before <= Workload.THRESHOLD);
        return crossed ? new Command(Workload.commandTopic(0), ON) : null;
    }

    /** The raw text of a top-level scalar field of a flat JSON object, or null. */
    static String field(String json, String name) {
        String key = "\"" + name + "\"";
        int at = json.indexOf(key);
        if (at < 0) return null;
        int colon = json.indexOf(':', at + key.length());
        if (colon < 0) return null;
        int start = colon + 1;
        while (start < json.length() && Character.isWhitespace(json.charAt(start))) start++;
        int end = start;
        while (end < json.length() && ",} \t\r\n".indexOf(json.charAt(end)) < 0) end++;
        return start < end ? json.substring(start, end) : null;
    }
}
