package dev.hearth.bench;

import dev.hearth.gateway.outbox.OutboxThroughput;
import dev.hearth.gateway.store.Durability;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outbox's own measuring API (OutboxThroughput, from the outbox feature) run as a process of
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
            bytes(r, "appends " + how);
        }
        OutboxThroughput.CatchUp c = OutboxThroughput.catchUp(dir.resolve("drain"), Durability.PROCESS, args[1], BACKLOG);
        String drain = String.format(Locale.ROOT, "drain of a %,d-message backlog to Mosquitto", BACKLOG);
        figure(drain, "msg/s", c.perSecond());
        bytes(c, drain);
        System.exit(0);
    }

    /**
     * The bytes-written figures of an OutboxThroughput record, whichever of its components count bytes
     * (the outbox feature adds them; the harness prints whatever the record carries), and bytes written
     * per message ÷ payload bytes when it has both.
     */
    private static void bytes(Record r, String how) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                if (c.getAccessor().invoke(r) instanceof Number n) numbers.put(c.getName(), n.doubleValue());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        Double perMessage = null;
        Double payload = null;
        for (Map.Entry<String, Double> e : numbers.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (!name.contains("byte")) continue;
            lower(words(e.getKey()) + ", " + how, "bytes", e.getValue());
            if (name.contains("payload")) payload = e.getValue();
            else if (name.contains("permessage") || name.contains("permsg")) perMessage = e.getValue();
        }
        if (perMessage != null && payload != null && payload > 0) lower(BYTES_RATIO + " (" + how + ")", "×", perMessage / payload);
    }

    private static String words(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static void figure(String name, String unit, double value) {
        System.out.println(PREFIX + name + "|" + unit + "|higher|" + value);
    }

    private static void lower(String name, String unit, double value) {
        System.out.println(PREFIX + name + "|" + unit + "|lower|" + value);
    }
}
