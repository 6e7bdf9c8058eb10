package dev.hearth.gateway.presence;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person from {@code people.yaml}: where their phones say they are, through OwnTracks
 * ({@code owntracks/<user>/<device>}) and/or a plain topic that carries {@code home}/{@code not_home}. Their
 * {@code state} is {@code home}, {@code not_home} or the name of another region they are in.
 */
public record Person(DeviceId id, String name, List<String> owntracks, Optional<String> topic, String homeRegion,
                     double homeRadius) {
    public static final String STATE = "state", HOME = "home", NOT_HOME = "not_home";
    public static final String LATITUDE = "latitude", LONGITUDE = "longitude", ACCURACY = "accuracy", BATTERY = "battery",
            SOURCE = "source";

    public Person {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isEmpty() ? id.value() : name;
        owntracks = List.copyOf(owntracks);
        if (owntracks.isEmpty() && topic.isEmpty()) throw new IllegalArgumentException(id + " has no topic");
    }

    /** Every topic a person is fed on: each OwnTracks device's location topic and its {@code /event} topic, and the plain one. */
    public List<String> topics() {
        List<String> all = new java.util.ArrayList<>();
        owntracks.forEach(t -> {
            all.add(t);
            all.add(t + OwnTracks.EVENT_SUFFIX);
        });
        topic.ifPresent(all::add);
        return all;
    }

    public DeviceSpec spec() {
        return DeviceSpec.local(id, name, "", DeviceKind.PERSON, Map.of(
                STATE, AttributeSpec.text(STATE),
                LATITUDE, AttributeSpec.number(LATITUDE, "°", -90, 90),
                LONGITUDE, AttributeSpec.number(LONGITUDE, "°", -180, 180),
                ACCURACY, AttributeSpec.number(ACCURACY, "m", 0, 1e7),
                BATTERY, AttributeSpec.number(BATTERY, "%", 0, 100),
                SOURCE, AttributeSpec.text(SOURCE)));
    }
}
