package dev.hearth.gateway.presence;

import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.time.Location;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is home, on the home's thread: a message on a person's topic updates where that phone (or plain topic) says
 * they are; a person is home while any of their sources says so, else where the latest report puts them. The
 * {@code people} entry follows: home while anyone is. Values go to the registry as local entries, so triggers,
 * conditions, history, the journal and the dashboard see them like any device's.
 */
public final class Presence {
    private final Map<String, Source> sources = new HashMap<>();
    private final People people;
    private final DeviceRegistry registry;
    private final Location home;
    /** Where each source last put its person: home, not_home or a region, with its report's time. */
    private final Map<String, Whereabouts> latest = new HashMap<>();

    private record Source(Person person, String base, boolean owntracks, boolean event) {
    }

    private record Whereabouts(String place, Set<String> regions, Instant at) {
    }

    public Presence(People people, DeviceRegistry registry, Location home) {
        this.people = people;
        this.registry = registry;
        this.home = home;
        for (Person p : people.persons()) {
            p.owntracks().forEach(t -> {
                sources.put(t, new Source(p, t, true, false));
                sources.put(t + OwnTracks.EVENT_SUFFIX, new Source(p, t, true, true));
            });
            p.topic().ifPresent(t -> sources.put(t, new Source(p, t, false, false)));
        }
    }

    public boolean handles(String topic) {
        return sources.containsKey(topic);
    }

    /** Applies a message on a person's topic; returns the changes (none for a message that says nothing new). */
    public List<DeviceEvent> receive(String topic, byte[] payload, Instant now) {
        Source source = sources.get(topic);
        if (source == null) return List.of();
        Map<String, Value> values = new HashMap<>();
        Optional<Whereabouts> where = source.owntracks() ? owntracks(source, payload, values, now) : plain(payload, now);
        if (where.isEmpty()) return List.of();
        latest.put(source.base(), where.get());
        values.put(Person.STATE, Value.of(place(source.person())));
        values.put(Person.SOURCE, Value.of(source.base()));
        List<DeviceEvent> events = new ArrayList<>(registry.setLocal(source.person().id(), values, now));
        events.addAll(everyone(now));
        return events;
    }

    private Optional<Whereabouts> owntracks(Source source, byte[] payload, Map<String, Value> values, Instant now) {
        Optional<OwnTracks.Message> message = OwnTracks.parse(payload);
        if (message.isEmpty()) return Optional.empty();
        Person person = source.person();
        if (message.get() instanceof OwnTracks.Location l) {
            values.put(Person.LATITUDE, Value.of(l.latitude()));
            values.put(Person.LONGITUDE, Value.of(l.longitude()));
            l.accuracy().ifPresent(a -> values.put(Person.ACCURACY, Value.of(Math.max(0, a))));
            l.battery().ifPresent(b -> values.put(Person.BATTERY, Value.of(Math.max(0, Math.min(100, b)))));
            Set<String> regions = new LinkedHashSet<>(l.regions().orElse(List.of()));
            // Without inregions (outside every region, or an app that does not send them), the distance to the home decides.
            if (l.regions().isEmpty() && withinHome(person, l)) regions.add(person.homeRegion());
            return Optional.of(whereabouts(person, regions, now));
        }
        OwnTracks.Transition t = (OwnTracks.Transition) message.get();
        Whereabouts before = latest.get(source.base());
        Set<String> regions = new LinkedHashSet<>(before == null ? Set.of() : before.regions());
        if (t.enter()) regions.add(t.region());
        else regions.removeIf(r -> r.equalsIgnoreCase(t.region()));
        return Optional.of(whereabouts(person, regions, now));
    }

    private static Whereabouts whereabouts(Person person, Set<String> regions, Instant now) {
        boolean atHome = regions.stream().anyMatch(r -> r.equalsIgnoreCase(person.homeRegion()));
        String place = atHome ? Person.HOME : regions.stream().findFirst().orElse(Person.NOT_HOME);
        return new Whereabouts(place, regions, now);
    }

    /** A plain topic: home / not_home (also away, on/off, true/false, 1/0), or the name of another place. */
    private static Optional<Whereabouts> plain(byte[] payload, Instant now) {
        String text = new String(payload, StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.length() > 64 || text.startsWith("{")) return Optional.empty();
        String place = switch (text.toLowerCase(Locale.ROOT)) {
            case "home", "on", "true", "1", "present" -> Person.HOME;
            case "not_home", "away", "off", "false", "0", "absent" -> Person.NOT_HOME;
            default -> text;
        };
        return Optional.of(new Whereabouts(place, Set.of(), now));
    }

    private boolean withinHome(Person person, OwnTracks.Location l) {
        return distanceMetres(home.latitude(), home.longitude(), l.latitude(), l.longitude()) <= person.homeRadius();
    }

    /** Home while any source says so; otherwise the newest report's place. */
    private String place(Person person) {
        Whereabouts newest = null;
        for (String base : sourcesOf(person)) {
            Whereabouts w = latest.get(base);
            if (w == null) continue;
            if (w.place().equals(Person.HOME)) return Person.HOME;
            if (newest == null || !w.at().isBefore(newest.at())) newest = w;
        }
        return newest == null ? Person.NOT_HOME : newest.place();
    }

    private static List<String> sourcesOf(Person person) {
        List<String> all = new ArrayList<>(person.owntracks());
        person.topic().ifPresent(all::add);
        return all;
    }

    private List<DeviceEvent> everyone(Instant now) {
        Set<String> atHome = new TreeSet<>();
        for (Person p : people.persons()) {
            boolean isHome = registry.state(p.id()).flatMap(s -> s.value(Person.STATE))
                    .map(v -> v.toString().equals(Person.HOME)).orElse(false);
            if (isHome) atHome.add(p.id().value());
        }
        return registry.setLocal(People.ID, Map.of(
                Person.STATE, Value.of(atHome.isEmpty() ? Person.NOT_HOME : Person.HOME),
                People.HOME_COUNT, Value.of(atHome.size()),
                People.AT_HOME, Value.of(String.join(",", atHome))), now);
    }

    /** Great-circle distance (haversine): accurate to well under a metre at the size of a home. */
    static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1), dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
