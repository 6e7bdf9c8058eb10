package dev.hearth.sim.scenario;

import dev.hearth.sim.device.DeviceKind;
import dev.hearth.sim.device.DeviceSpec;
import dev.hearth.sim.device.Convention;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.physics.OutsideClimate;
import dev.hearth.sim.physics.Sun;
import dev.hearth.sim.physics.ThermalProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the home part of a scenario: rooms, devices, outside climate and sun. */
final class RoomReader {
    private static final Set<String> ROOM = Set.of("temperature", "heat_loss", "heater", "window_factor", "devices");
    private static final Set<String> DEVICE = Set.of("kind", "convention", "topic", "hold", "response_delay");

    private RoomReader() {
    }

    static List<RoomSpec> rooms(YamlCursor cursor) {
        YamlCursor.Fields rooms = cursor.mapping(null);
        List<RoomSpec> result = new ArrayList<>();
        for (String name : rooms.names()) {
            result.add(room(Values.name(rooms.key(name)), rooms.required(name)));
        }
        if (result.isEmpty()) {
            throw cursor.error("a home needs at least one room");
        }
        return result;
    }

    private static RoomSpec room(String name, YamlCursor cursor) {
        YamlCursor.Fields f = cursor.mapping(ROOM);
        ThermalProperties typical = ThermalProperties.typical();
        ThermalProperties thermal;
        try {
            thermal = new ThermalProperties(
                    f.optional("heat_loss").map(Values::number).orElse(typical.lossPerHour()),
                    f.optional("heater").map(Values::number).orElse(typical.heaterKPerHour()),
                    f.optional("window_factor").map(Values::number).orElse(typical.windowFactor()));
        } catch (IllegalArgumentException e) {
            throw cursor.error(e.getMessage());
        }
        YamlCursor.Fields devices = f.required("devices").mapping(null);
        List<DeviceSpec> specs = new ArrayList<>();
        for (String id : devices.names()) {
            specs.add(device(Values.name(devices.key(id)), name, devices.required(id)));
        }
        return new RoomSpec(name, f.optional("temperature").map(Values::number).orElse(20.0), thermal, specs);
    }

    private static DeviceSpec device(String id, String room, YamlCursor cursor) {
        YamlCursor.Fields f = cursor.mapping(DEVICE);
        YamlCursor kindCursor = f.required("kind");
        DeviceKind kind = DeviceKind.parse(kindCursor.scalar()).orElseThrow(() -> kindCursor.error(
                "unknown device kind '" + kindCursor.scalar() + "' (expected one of "
                        + List.of(DeviceKind.values()).stream().map(DeviceKind::yamlName).toList() + ")"));
        Convention convention = f.optional("convention").map(RoomReader::convention).orElse(Convention.ZIGBEE2MQTT);
        YamlCursor topicCursor = f.required("topic");
        DeviceTopics topics;
        try {
            topics = new DeviceTopics(convention, topicCursor.scalar());
        } catch (IllegalArgumentException e) {
            throw topicCursor.error(e.getMessage());
        }
        return new DeviceSpec(id, room, kind, topics,
                f.optional("hold").map(Values::duration).orElse(Duration.ofSeconds(60)),
                f.optional("response_delay").map(Values::duration).orElse(Duration.ZERO));
    }

    private static Convention convention(YamlCursor cursor) {
        return switch (cursor.scalar().toLowerCase(Locale.ROOT)) {
            case "zigbee2mqtt" -> Convention.ZIGBEE2MQTT;
            case "value_per_topic", "value-per-topic", "homie" -> Convention.VALUE_PER_TOPIC;
            default -> throw cursor.error("unknown convention '" + cursor.scalar()
                    + "' (expected zigbee2mqtt or value_per_topic)");
        };
    }

    static OutsideClimate outside(YamlCursor cursor) {
        YamlCursor.Fields f = cursor.mapping(Set.of("min", "max", "coldest_hour"));
        try {
            return new OutsideClimate(Values.number(f.required("min")), Values.number(f.required("max")),
                    f.optional("coldest_hour").map(Values::number).orElse(5.0));
        } catch (IllegalArgumentException e) {
            throw cursor.error(e.getMessage());
        }
    }

    static Sun sun(YamlCursor cursor) {
        YamlCursor.Fields f = cursor.mapping(Set.of("sunrise", "sunset", "peak_lux"));
        try {
            return new Sun(Values.time(f.required("sunrise")), Values.time(f.required("sunset")),
                    f.optional("peak_lux").map(Values::number).orElse(20_000.0));
        } catch (IllegalArgumentException e) {
            throw cursor.error(e.getMessage());
        }
    }
}
