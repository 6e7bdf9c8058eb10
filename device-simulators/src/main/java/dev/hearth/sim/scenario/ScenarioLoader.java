package dev.hearth.sim.scenario;

import dev.hearth.sim.device.DeviceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads scenario YAML into records. Works on the composed node tree so every error carries
 * file:line:column; duplicate keys, unknown keys and unknown devices are errors, never warnings.
 */
public final class ScenarioLoader {
    private static final int MAX_CODE_POINTS = 1 << 20;
    private static final Set<String> TOP = Set.of("scenario", "start", "end", "acceleration", "outside", "sun",
            "rooms", "timeline", "date", "people", "seed", "announce");

    private ScenarioLoader() {
    }

    public static Scenario load(Path file) {
        String label = file.toString();
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), label);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(label + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(label + ": cannot read: " + e.getMessage());
        }
    }

    /** A scenario shipped in this module's scenarios/ directory (and jar), e.g. {@code evening}. */
    public static Scenario builtIn(String name) {
        String resource = "/dev/hearth/sim/scenarios/" + name + ".yaml";
        try (var in = ScenarioLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException("no built-in scenario '" + name + "'");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "scenarios/" + name + ".yaml");
        } catch (IOException e) {
            throw new ScenarioException("cannot read built-in scenario '" + name + "': " + e.getMessage());
        }
    }

    public static Scenario parse(String yaml, String label) {
        return read(compose(yaml, label), label);
    }

    private static YamlCursor compose(String yaml, String label) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(10)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        try {
            Node root = new Compose(settings).composeString(yaml)
                    .orElseThrow(() -> new ScenarioException(label + ": empty scenario"));
            return new YamlCursor(label, root);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> YamlCursor.location(label, m)).orElse(label);
            throw new ScenarioException(where + ": " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new ScenarioException(label + ": " + e.getMessage());
        }
    }

    private static Scenario read(YamlCursor root, String label) {
        YamlCursor.Fields top = root.mapping(TOP);
        var start = Values.time(top.required("start"));
        var end = Values.time(top.required("end"));
        List<RoomSpec> rooms = RoomReader.rooms(top.required("rooms"));
        List<DeviceSpec> devices = rooms.stream().flatMap(r -> r.devices().stream()).toList();
        checkUniqueTopics(devices, top.required("rooms"));
        TimelineReader reader = new TimelineReader(devices, start, end);
        List<TimelineEvent> timeline = new ArrayList<>();
        for (YamlCursor entry : top.optional("timeline").map(YamlCursor::sequence).orElse(List.of())) {
            timeline.add(reader.event(entry));
        }
        long seed = top.optional("seed").map(v -> (long) Values.number(v)).orElse(1L);
        top.optional("people").ifPresent(p -> timeline.addAll(new PeopleReader(rooms, start, end, seed).events(p)));
        return new Scenario(
                top.optional("scenario").map(YamlCursor::scalar).orElse(label),
                start, end,
                top.optional("acceleration").map(Values::positive).orElse(1.0),
                top.optional("outside").map(RoomReader::outside).orElse(dev.hearth.sim.physics.OutsideClimate.autumn()),
                top.optional("sun").map(RoomReader::sun).orElse(dev.hearth.sim.physics.Sun.autumn()),
                rooms, timeline, top.optional("date").map(Values::date),
                top.optional("announce").map(ScenarioLoader::announcements).orElse(Set.of()));
    }

    private static Set<Announcement> announcements(YamlCursor cursor) {
        Set<Announcement> result = new HashSet<>();
        for (YamlCursor entry : cursor.sequence()) {
            result.add(Announcement.parse(entry.scalar()).orElseThrow(() -> entry.error("unknown announcement '"
                    + entry.scalar() + "' (expected zigbee2mqtt_bridge or home_assistant)")));
        }
        return result;
    }

    private static void checkUniqueTopics(List<DeviceSpec> devices, YamlCursor rooms) {
        Set<String> ids = new HashSet<>();
        Set<String> topics = new HashSet<>();
        for (DeviceSpec d : devices) {
            if (!ids.add(d.id())) {
                throw rooms.error("device '" + d.id() + "' appears in more than one room");
            }
            if (!topics.add(d.topics().base())) {
                throw rooms.error("topic '" + d.topics().base() + "' is used by more than one device");
            }
        }
    }

}
