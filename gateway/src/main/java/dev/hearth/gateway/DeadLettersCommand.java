package dev.hearth.gateway;

import dev.hearth.gateway.config.GatewayConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code hearth dead-letters [list | retry ID | drop ID]}: the messages the broker refused every time, through the
 * running gateway's API with the access token (the outbox owns them while it runs).
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "List the messages the broker refused every time (outbox.dead_letter_after), queue one again "
                + "(retry ID) or delete it (drop ID).%nAsks the running gateway (http.bind/http.port, token from <data_dir>/web-token).")
final class DeadLettersCommand extends ConfiguredCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    enum Action { list, retry, drop }

    @Parameters(index = "0", arity = "0..1", description = "list (default), retry or drop")
    Action action = Action.list;
    @Parameters(index = "1", arity = "0..1", description = "The dead letter's id (for retry and drop), as list shows it")
    Long id;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        Optional<GatewayConfig> gateway = loadConfig();
        if (gateway.isEmpty()) return Main.CONFIG_ERROR;
        if (action != Action.list && id == null) {
            err.println("Which one? hearth dead-letters " + action + " <id> (ids are in the first column of 'hearth dead-letters').");
            return Main.CONFIG_ERROR;
        }
        Optional<GatewayApiClient> api = GatewayApiClient.of(gateway.get());
        if (api.isEmpty()) {
            err.println("The gateway has not run with data directory " + gateway.get().dataDir() + " yet: no dead letters.");
            return 1;
        }
        try {
            String path = "/api/outbox/dead-letters" + (action == Action.list ? "" : "/" + id + "/" + action);
            GatewayApiClient.Answer a = action == Action.list ? api.get().get(path) : api.get().post(path);
            if (!a.ok()) {
                err.println("The gateway refused: " + a.error());
                return 1;
            }
            if (action == Action.retry) out.println("Dead letter " + id + " queued again.");
            if (action == Action.drop) out.println("Dead letter " + id + " dropped.");
            print(out, a.body().getJsonArray("deadLetters", new JsonArray()), gateway.get().location().timeZone());
            return 0;
        } catch (GatewayApiClient.Unreachable e) {
            err.println("The gateway is not running (" + e.getMessage() + "); start it to see and handle its dead letters.");
            return 1;
        }
    }

    private static void print(PrintWriter out, JsonArray letters, ZoneId zone) {
        if (letters.isEmpty()) out.println("No dead letters.");
        for (Object o : letters) {
            JsonObject d = (JsonObject) o;
            out.printf("%-6d %s  %-9s %-40s %d bytes, %d attempts: %s%n", d.getLong("id"),
                    TIME.format(Instant.parse(d.getString("at")).atZone(zone)), d.getString("kind"), d.getString("topic"),
                    d.getInteger("payloadBytes"), d.getInteger("attempts"), d.getString("reason"));
        }
        out.flush();
    }
}
