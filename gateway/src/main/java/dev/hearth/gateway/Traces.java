package dev.hearth.gateway;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.store.Database;
import dev.hearth.gateway.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** {@code hearth traces <automation>}: the last runs and near misses of an automation, from the database. */
@Command(name = "traces", mixinStandardHelpOptions = true,
        description = "Print the last runs and near misses of an automation (why it ran, or why not).%n"
                + "Reads the gateway's database: stop the gateway first (H2 allows one process).")
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
            err.println("Cannot read the database (" + e.getMessage() + "). Is the gateway running? Stop it first.");
            return 1;
        }
    }

    static void print(PrintWriter out, AutomationRun t, ZoneId zone) {
        out.printf("%s  %-22s %s%n", TIME.format(t.at().atZone(zone)), t.outcome(), t.trigger());
        t.details().forEach(d -> out.println("    " + d));
        t.steps().forEach(s -> out.printf("    > %s: %s (%d ms)%n", s.action(), s.outcome(), s.millis()));
    }
}
