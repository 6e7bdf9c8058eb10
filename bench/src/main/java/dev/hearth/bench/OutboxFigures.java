package dev.hearth.bench;

import dev.hearth.gateway.store.Durability;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The outbox's measuring API ({@link OutboxThroughput}) run as a process of
 * its own beside the gateway's jar; prints one {@code figure|name|unit|better|value} line each.
 * {@code java -cp hearth.jar:hearth-bench.jar dev.hearth.bench.OutboxFigures <dir> <brokerUrl>}
 */
public final class OutboxFigures {
    static final String PREFIX = "figure|";
    /** The start of the name of a bytes-written-per-message ÷ payload-size figure. */
    static final String BYTES_RATIO = "bytes written per message ÷ payload bytes";
    private static final int ROWS = 20_000;
    private static final int BATCH = 100;
    private static final int BACKLOG = 10_000;
    private static final int LIVE = 10_000;
    /** Mosquitto's Receive Maximum: the most QoS 1 messages the gateway may have unacknowledged. */
    private static final int IN_FLIGHT = 20;
    /** About a Zigbee2MQTT sensor state. */
    private static final int PAYLOAD = 128;

    private OutboxFigures() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        for (Durability d : Durability.values()) {
            OutboxThroughput.StoreRates r = OutboxThroughput.store(dir.resolve("store-" + d), d, ROWS, BATCH);
            String how = String.format(Locale.ROOT, "%,d messages in commits of %d, durability %s", ROWS, BATCH,
                    d.name().toLowerCase(Locale.ROOT));
            figure("durable appends, " + how, "msg/s", r.appendPerSecond());
            figure("removals after PUBACK, " + how, "msg/s", r.removePerSecond());
        }
        OutboxThroughput.CatchUp c = OutboxThroughput.catchUp(dir.resolve("drain"), Durability.PROCESS, args[1], BACKLOG, PAYLOAD);
        String drain = String.format(Locale.ROOT, "drain of a %,d-message backlog to Mosquitto (%d-byte payloads), from the link up to the last PUBACK",
                BACKLOG, PAYLOAD);
        figure(drain, "msg/s", c.perSecond());
        lower("start with that backlog: the outbox deployed to its link up (connect and subscribe; the backlog is read meanwhile)", "ms",
                c.start().toNanos() / 1e6);
        writeCost(c.written(), String.format(Locale.ROOT, "backlog of %,d appended in commits of 500, then drained", BACKLOG));
        OutboxThroughput.WriteCost live = OutboxThroughput.acknowledgedWhileUp(dir.resolve("live"), Durability.PROCESS, args[1], LIVE,
                IN_FLIGHT, PAYLOAD);
        writeCost(live, String.format(Locale.ROOT, "%,d messages acknowledged while the link is up, %d in flight", LIVE, IN_FLIGHT));
        System.exit(0);
    }

    /** What the database wrote per message (the wchar of its writer threads), and that as a multiple of the payload. */
    private static void writeCost(OutboxThroughput.WriteCost w, String how) {
        String payload = String.format(Locale.ROOT, "%.0f-byte payloads", w.payloadBytes());
        lower("bytes written per message, " + how + " (" + payload + ")", "bytes", w.bytesPerMessage());
        lower(BYTES_RATIO + " (" + how + ")", "×", w.timesPayload());
    }

    private static void figure(String name, String unit, double value) {
        System.out.println(PREFIX + name + "|" + unit + "|higher|" + value);
    }

    private static void lower(String name, String unit, double value) {
        System.out.println(PREFIX + name + "|" + unit + "|lower|" + value);
    }
}
