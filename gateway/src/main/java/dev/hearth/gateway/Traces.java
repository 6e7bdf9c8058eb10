package dev.hearth.gateway;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * {@code hearth traces <automation>}: the last runs and near misses of an automation, from the running gateway's API
 * (with the access token), or from the database when the gateway is stopped (H2 allows one process).
 */
@Command(name = "traces", mixinStandardHelpOptions = true,
        description = "Print the last runs and near misses of an automation (why it ran, or why not).%n"
                + "Asks the running gateway (http.bind/http.port, token from <data_dir>/web-token); "
                + "with the gateway stopped, reads its database.")
final class Traces extends ConfiguredCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Parameters(index = "0", description = "Automation id")
    String automation;
    @Option(names = {"-n", "--last"}, description = "How many traces. Default: ${DEFAULT-VALUE}")
    int last = 10;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        Optional<GatewayConfig> gateway = loadConfig();
        if (gateway.isEmpty()) return Main.CONFIG_ERROR;
        Optional<GatewayApiClient> api = GatewayApiClient.of(gateway.get());
        if (api.isPresent()) {
            try {
                return fromApi(api.get(), gateway.get().location().timeZone(), out, err);
            } catch (GatewayApiClient.Unreachable e) {
                // Not running: the database is free to read.
            }
        }
        if (!Files.exists(gateway.get().dataDir().resolve("hearth.mv.db"))) {
            err.println("No database in " + gateway.get().dataDir() + ": the gateway has not run yet.");
            return 1;
        }
        try (Database db = Database.open(gateway.get().dataDir(), gateway.get().durability())) {
            List<AutomationRun> traces = new AutomationStore(db).traces().read(automation, last);
            if (traces.isEmpty()) out.println("No traces of '" + automation + "'.");
            traces.forEach(t -> print(out, t, gateway.get().location().timeZone()));
            out.flush();
            return 0;
        } catch (StoreException e) {
            err.println("Cannot read the database (" + e.getMessage() + ").");
            return 1;
        }
    }

    private int fromApi(GatewayApiClient api, ZoneId zone, PrintWriter out, PrintWriter err) throws GatewayApiClient.Unreachable {
        GatewayApiClient.Answer a = api.get("/api/automations/" + URLEncoder.encode(automation, StandardCharsets.UTF_8)
                + "/runs?limit=" + Math.max(1, Math.min(last, 200)));
        if (!a.ok()) {
            err.println("The gateway at " + api.base() + " refused: " + a.error());
            return 1;
        }
        JsonArray runs = a.body().getJsonArray("runs", new JsonArray());
        if (runs.isEmpty()) out.println("No traces of '" + automation + "'.");
        for (Object run : runs) print(out, (JsonObject) run, zone);
        out.flush();
        return 0;
    }

    /** A run as the API gives it (RecordJson of {@link AutomationRun}), printed like one read from the database. */
    private static void print(PrintWriter out, JsonObject t, ZoneId zone) {
        out.printf("%s  %-22s %s%n", TIME.format(Instant.parse(t.getString("at")).atZone(zone)),
                t.getString("outcome", "").toUpperCase(Locale.ROOT), t.getString("trigger", ""));
        t.getJsonArray("details", new JsonArray()).forEach(d -> out.println("    " + d));
        t.getJsonArray("steps", new JsonArray()).forEach(o -> {
            JsonObject s = (JsonObject) o;
            out.printf("    > %s: %s (%d ms)%n", s.getString("action"), s.getString("outcome"), s.getLong("millis", 0L));
        });
    }

    static void print(PrintWriter out, AutomationRun t, ZoneId zone) {
        out.printf("%s  %-22s %s%n", TIME.format(t.at().atZone(zone)), t.outcome(), t.trigger());
        t.details().forEach(d -> out.println("    " + d));
        t.steps().forEach(s -> out.printf("    > %s: %s (%d ms)%n", s.action(), s.outcome(), s.millis()));
    }
}
