package dev.hearth.bench;

/**
 * What a subject is loaded with: {@code pairs} motion sensors each switching its own light (two
 * automations a pair: on at motion, off when it clears), and {@code sensors} temperature sensors,
 * the first {@code watched} of them each watched by one numeric automation whose threshold is never
 * reached, so every message of theirs is decoded, applied and evaluated but actuates nothing.
 * {@code qos} is what the motion sensors publish with, and what the peers subscribe and answer
 * with: 0 as Zigbee2MQTT publishes by default, or 1.
 */
public record Workload(String name, int pairs, int sensors, int watched, int qos) {
    /** The topic prefix shared by every device of the benchmark. */
    public static final String PREFIX = "bench";
    /** The watched temperature; the flood never reaches it. */
    public static final int THRESHOLD = 1000;

    public Workload {
        if (pairs < 1) throw new IllegalArgumentException("need at least one motion/light pair");
        if (sensors < 0) throw new IllegalArgumentException("sensors must not be negative");
        if (watched < 0 || watched > sensors) throw new IllegalArgumentException("watched sensors must be between 0 and " + sensors);
        if (qos < 0 || qos > 1) throw new IllegalArgumentException("qos " + qos + ": the bench runs 0 or 1");
    }

    /** The same devices and automations, the sensors publishing with {@code q}. */
    public Workload withQos(int q) {
        return new Workload(name, pairs, sensors, watched, q);
    }

    public int devices() {
        return 2 * pairs + sensors;
    }

    public int automations() {
        return 2 * pairs + watched;
    }

    public static String motionTopic(int pair) {
        return PREFIX + "/motion_" + pair;
    }

    public static String lightTopic(int pair) {
        return PREFIX + "/light_" + pair;
    }

    public static String commandTopic(int pair) {
        return lightTopic(pair) + "/set";
    }

    public static String sensorTopic(int sensor) {
        return PREFIX + "/temp_" + sensor;
    }

    /** The filter every subject subscribes to: motion and temperature states, not light commands. */
    public static String stateFilter() {
        return PREFIX + "/+";
    }

    /** The pair a command topic belongs to, or -1. */
    public static int pairOfCommand(String topic) {
        String head = PREFIX + "/light_";
        if (!topic.startsWith(head) || !topic.endsWith("/set")) return -1;
        try {
            return Integer.parseInt(topic, head.length(), topic.length() - 4, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
