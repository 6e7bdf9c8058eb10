package dev.hearth.gateway;

import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code hearth devices [--write FILE]}: what the running gateway knows, discovered devices first, through its API with
 * the access token; with {@code --write}, a starter devices.yaml of {@code overrides:} (name and room of each
 * discovered device) for the user to edit. An existing file is never overwritten.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the devices the running gateway knows (discovered ones and those of devices.yaml).%n"
                + "With --write, write a starter devices.yaml with an overrides: entry (name, room) for every discovered "
                + "device.%nAsks the running gateway (http.bind/http.port, token from <data_dir>/web-token).")
final class DevicesCommand extends ConfiguredCommand {
    @Option(names = "--write", paramLabel = "FILE", description = "Write the overrides of the discovered devices to FILE "
            + "(refused when FILE exists)")
    Path write;

    @Override
    public Integer call() {
        PrintWriter err = err();
        Optional<GatewayConfig> gateway = loadConfig();
        if (gateway.isEmpty()) return Main.CONFIG_ERROR;
        if (write != null && Files.exists(write)) {
            err.println(write + " exists: not overwritten. Write to a new file and merge what you need by hand.");
            return 1;
        }
        Optional<GatewayApiClient> api = GatewayApiClient.of(gateway.get());
        if (api.isEmpty()) {
            err.println("The gateway has not run with data directory " + gateway.get().dataDir() + " yet: start it first.");
            return 1;
        }
        try {
            GatewayApiClient.Answer a = api.get().get("/api/devices");
            if (!a.ok()) {
                err.println("The gateway refused: " + a.error());
                return 1;
            }
            Set<String> handWritten = gateway.get().devices().stream().map(s -> s.id().value())
                    .collect(Collectors.toSet());
            List<JsonObject> devices = a.body().getJsonArray("devices", new JsonArray()).stream()
                    .map(JsonObject.class::cast).filter(DevicesCommand::isDevice).toList();
            List<JsonObject> discovered = devices.stream().filter(d -> !handWritten.contains(d.getString("id"))).toList();
            print(out(), discovered, devices.stream().filter(d -> handWritten.contains(d.getString("id"))).toList());
            return write == null ? 0 : writeOverrides(discovered, api.get().base());
        } catch (GatewayApiClient.Unreachable e) {
            err.println("The gateway is not running (" + e.getMessage() + "); start it to see its devices.");
            return 1;
        }
    }

    /** Helpers and people live in their own files, not in devices.yaml. */
    private static boolean isDevice(JsonObject d) {
        return DeviceKind.byName(d.getString("kind", "")).isPresent();
    }

    private static void print(PrintWriter out, List<JsonObject> discovered, List<JsonObject> handWritten) {
        out.println(discovered.size() + " discovered, " + handWritten.size() + " from devices.yaml");
        discovered.forEach(d -> out.println(line(d, "discovered")));
        handWritten.forEach(d -> out.println(line(d, "devices.yaml")));
        out.flush();
    }

    private static String line(JsonObject d, String from) {
        String room = d.getString("room", "");
        return String.format("%-28s %-12s %-8s %-28s %-16s %s", d.getString("id"), d.getString("kind"),
                d.getString("availability"), d.getString("name"), room.isEmpty() ? "-" : room, from);
    }

    private int writeOverrides(List<JsonObject> discovered, String from) {
        StringBuilder yaml = new StringBuilder("# Written by 'hearth devices --write' from the gateway at ").append(from)
                .append(".\n# Give each discovered device the name and room you want, then save this as devices.yaml\n")
                .append("# (or merge it into yours). Remove entries you do not change. See docs/devices.md.\n");
        if (discovered.isEmpty()) yaml.append("# No device has been discovered yet.\noverrides: {}\n");
        else yaml.append("overrides:\n");
        for (JsonObject d : discovered) {
            String room = d.getString("room", "");
            yaml.append("  ").append(d.getString("id")).append(":\n")
                    .append("    name: ").append(quoted(d.getString("name"))).append('\n')
                    .append(room.isEmpty() ? "    # room: living_room\n" : "    room: " + quoted(room) + "\n");
        }
        try {
            Files.writeString(write, yaml, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            err().println("Cannot write " + write + ": " + e.getMessage());
            return 1;
        }
        out().println("Wrote " + discovered.size() + " overrides to " + write + ".");
        return 0;
    }

    /** A YAML double-quoted scalar: device names come from outside (friendly names) and may hold any character. */
    static String quoted(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) q.append(String.format("\\x%02x", (int) c));
                    else q.append(c);
                }
            }
        }
        return q.append('"').toString();
    }
}
