package dev.hearth.gateway.presence;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;

import java.util.List;
import java.util.Map;

/**
 * Everyone in {@code people.yaml} as one entry, {@code people}: {@code state} is {@code home} while anyone is home and
 * {@code not_home} once everyone has left, so "everyone left" and "first one home" are plain state triggers;
 * {@code home_count} counts who is home and {@code at_home} names them.
 */
public record People(List<Person> persons) {
    public static final DeviceId ID = new DeviceId("people");
    public static final String HOME_COUNT = "home_count", AT_HOME = "at_home";

    public People {
        persons = List.copyOf(persons);
    }

    public static final People NONE = new People(List.of());

    /** The registry entries: each person, and the {@code people} aggregate when there is anyone. */
    public List<DeviceSpec> specs() {
        if (persons.isEmpty()) return List.of();
        List<DeviceSpec> all = new java.util.ArrayList<>(persons.stream().map(Person::spec).toList());
        all.add(DeviceSpec.local(ID, "Everyone", "", DeviceKind.PEOPLE, Map.of(
                Person.STATE, AttributeSpec.options(Person.STATE, Person.HOME, Person.NOT_HOME),
                HOME_COUNT, AttributeSpec.number(HOME_COUNT, "", 0, persons.size()),
                AT_HOME, AttributeSpec.text(AT_HOME))));
        return all;
    }

    /** Every topic to subscribe to. */
    public List<String> topics() {
        return persons.stream().flatMap(p -> p.topics().stream()).distinct().toList();
    }
}
