package dev.hearth.bench;

import dev.hearth.gateway.outbox.OutboxThroughput;
import dev.hearth.gateway.store.Durability;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The outbox's own measuring API (OutboxThroughput, from the outbox feature) run as a process of
 * its own beside the gateway's jar; prints one {@code figure|name|unit|better|value} line each.
 * {@code java -cp hearth.jar:hearth-bench.jar dev.hearth.bench.OutboxFigures <dir> <brokerUrl>}
 */
public final class OutboxFigures {
    static final String PREFIX = "figure|";
    private static final int ROWS = 20_000;
    private static final int BATCH = 100;
    private static final int BACKLOG = 10_000;

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
        OutboxThroughput.CatchUp c = OutboxThroughput.catchUp(dir.resolve("drain"), Durability.PROCESS, args[1], BACKLOG);
        figure(String.format(Locale.ROOT, "drain of a %,d-message backlog to Mosquitto", BACKLOG), "msg/s", c.perSecond());
        System.exit(0);
    }

    private static void figure(String name, String unit, double value) {
        System.out.println(PREFIX + name + "|" + unit + "|higher|" + value);
    }
}
