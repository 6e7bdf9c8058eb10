package dev.hearth.gateway.presence;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code people.yaml} (optional, next to devices.yaml): {@code persons:} maps each id to the topics that say
 * where the person is. Every problem is reported with its position.
 */
public final class PeopleFileReader {
    private final Set<String> takenIds;
    private final Map<String, String> topicOwners = new HashMap<>();

    /** {@code takenIds}: ids of devices and helpers, which a person may not reuse. */
    public PeopleFileReader(Set<String> takenIds) {
        this.takenIds = takenIds;
    }

    public People read(String file, Node root, Problems problems) {
        Optional<YamlMap> top = YamlMap.of(file, root, problems, "people.yaml");
        if (top.isEmpty()) return People.NONE;
        List<Person> persons = new ArrayList<>();
        top.get().map("persons").ifPresent(all -> {
            for (String id : all.keys()) {
                if (!idOk(all, id)) {
                    all.has(id);
                    continue;
                }
                all.map(id).flatMap(p -> person(new DeviceId(id), p)).ifPresent(persons::add);
            }
        });
        top.get().finish();
        return new People(persons);
    }

    private boolean idOk(YamlMap all, String id) {
        if (!DeviceId.isValid(id)) {
            all.problemAtKey(id, "person id '" + id + "' must be 1-64 lower-case letters, digits or underscores");
        } else if (id.equals(People.ID.value())) {
            all.problemAtKey(id, "'people' is the entry for everyone together; give the person another id");
        } else if (takenIds.contains(id)) {
            all.problemAtKey(id, "person id '" + id + "' is already the id of a device or helper");
        } else {
            return true;
        }
        return false;
    }

    private Optional<Person> person(DeviceId id, YamlMap p) {
        int before = p.problems().list().size();
        String name = p.text("name", "");
        List<String> owntracks = p.listOfText("owntracks");
        Optional<String> topic = p.text("topic");
        String homeRegion = p.text("home_region", Person.HOME);
        double radius = p.number("home_radius", 100, 1, 100_000);
        if (owntracks.isEmpty() && topic.isEmpty()) {
            p.problem(p.node(), "person '" + id + "' needs 'owntracks' (topics such as owntracks/alice/phone) or 'topic'");
        }
        owntracks.forEach(t -> topicOk(p, "owntracks", t, id));
        topic.ifPresent(t -> topicOk(p, "topic", t, id));
        p.finish();
        if (p.problems().list().size() > before) return Optional.empty();
        return Optional.of(new Person(id, name, owntracks, topic, homeRegion, radius));
    }

    private void topicOk(YamlMap p, String key, String topic, DeviceId id) {
        if (topic.isBlank() || topic.contains("+") || topic.contains("#") || topic.startsWith("$")) {
            p.problemAtValue(key, "'" + key + "' must be a concrete topic without wildcards (+, #) or a leading $");
            return;
        }
        String owner = topicOwners.putIfAbsent(topic, id.value());
        if (owner != null) p.problemAtValue(key, "topic '" + topic + "' is already used by person " + owner);
    }
}
