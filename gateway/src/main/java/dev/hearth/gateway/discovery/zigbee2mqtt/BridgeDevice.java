package dev.hearth.gateway.discovery.zigbee2mqtt;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.JsonFormat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of {@code <base>/bridge/devices} (or the data of a successful interview event) read into a device:
 * what it is, or why it is left out. Its id is the friendly name lower-cased, every run of characters outside
 * {@code [a-z0-9_]} made {@code _}, leading and trailing {@code _} trimmed ("Living Room/TRV" → {@code living_room_trv}).
 */
sealed interface BridgeDevice {
    /** A device to have, with the IEEE address that follows it through renames. */
    record Usable(String ieee, DeviceSpec device) implements BridgeDevice {
    }

    /** Not a device to control: the coordinator, one still being interviewed, disabled or unsupported. */
    record NotReady(Optional<String> ieee) implements BridgeDevice {
    }

    /** The entry cannot be read; a device known under its address (if it has one) is kept. */
    record Unreadable(Optional<String> ieee, String why) implements BridgeDevice {
    }

    Pattern OUTSIDE_ID = Pattern.compile("[^a-z0-9_]+");
    Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");

    static BridgeDevice read(Object entry, String base) {
        if (!(entry instanceof Map<?, ?> m)) return new Unreadable(Optional.empty(), "an entry is not a JSON object");
        Optional<String> ieee = Exposes.text(m, "ieee_address");
        if (ieee.isEmpty()) return new Unreadable(Optional.empty(), "an entry has no ieee_address");
        if ("Coordinator".equals(m.get("type")) || Boolean.TRUE.equals(m.get("disabled"))
                || Boolean.FALSE.equals(m.get("interview_completed")) || Boolean.TRUE.equals(m.get("interviewing"))) {
            return new NotReady(ieee);
        }
        if (!(m.get("definition") instanceof Map<?, ?> definition)) return new NotReady(ieee);
        Optional<String> friendly = Exposes.text(m, "friendly_name");
        if (friendly.isEmpty() || friendly.get().contains("+") || friendly.get().contains("#")) {
            return new Unreadable(ieee, ieee.get() + " has no usable friendly_name");
        }
        if (!(definition.get("exposes") instanceof List<?> exposes)) {
            return new Unreadable(ieee, friendly.get() + ": definition.exposes is not a list");
        }
        Optional<DeviceId> id = idOf(friendly.get()).or(() -> idOf(ieee.get()));
        if (id.isEmpty()) return new Unreadable(ieee, "'" + friendly.get() + "' gives no device id");
        String name = friendly.get().equals(ieee.get()) ? model(definition).orElse(friendly.get()) : friendly.get();
        return new Usable(ieee.get(), spec(id.get(), friendly.get(), name, base, Exposes.read(exposes)));
    }

    /**
     * A device never renamed in Zigbee2MQTT keeps its IEEE address as its friendly name: shown by its model instead
     * ("Xiaomi Mi wireless switch"), which says more than "0x00158d0002c3d4e5" until someone names it.
     */
    private static Optional<String> model(Map<?, ?> definition) {
        Optional<String> description = Exposes.text(definition, "description");
        Optional<String> vendor = Exposes.text(definition, "vendor");
        return description.map(d -> vendor.map(v -> v + " " + d).orElse(d));
    }

    private static DeviceSpec spec(DeviceId id, String friendly, String name, String base, Exposes.Read read) {
        String topic = base + "/" + friendly;
        int slash = friendly.indexOf('/');
        String room = slash > 0 ? friendly.substring(0, slash) : "";
        return new DeviceSpec(id, name, room, read.kind(), JsonFormat.zigbee2mqtt(topic), read.attributes());
    }

    /** The id a friendly name gives; empty when nothing of it is left. */
    static Optional<DeviceId> idOf(String friendlyName) {
        String id = OUTSIDE_ID.matcher(friendlyName.toLowerCase(Locale.ROOT)).replaceAll("_");
        id = EDGE_UNDERSCORES.matcher(id).replaceAll("");
        if (id.length() > 64) id = EDGE_UNDERSCORES.matcher(id.substring(0, 64)).replaceAll("");
        return id.isEmpty() ? Optional.empty() : Optional.of(new DeviceId(id));
    }
}
