package dev.hearth.gateway.discovery.homeassistant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps every entity discovered so far and groups them into devices (by the device block's identifiers; an entity
 * without one is a device of its own), so that each config message becomes the devices it changed, whole.
 * Plain Java, one thread.
 */
final class HaAssembly {
    /** A device as its entities describe it; {@code id} is stable for as long as the device exists. */
    record Assembled(String id, String name, Optional<HaDevice> device, List<HaAttribute> attributes,
                     HaAvailability availability, Set<HaComponent> components) {
    }

    /** What a message changed. */
    record Changes(List<Assembled> changed, List<String> gone, List<String> problems) {
        static final Changes NONE = new Changes(List.of(), List.of(), List.of());
    }

    private final Map<String, HaConfig> configs = new HashMap<>();
    /** Every identifier of a device → its key (the first identifier seen), so that any of them finds it. */
    private final Map<String, String> deviceKeyOf = new HashMap<>();
    private final Map<String, String> idOf = new HashMap<>();
    /** Unsupported-template reports already made, by entity key: each is said once. */
    private final Map<String, String> reported = new HashMap<>();

    Changes apply(HaDiscoveryMessage message) {
        Set<String> touched = new LinkedHashSet<>();
        if (message instanceof HaDiscoveryMessage.Configs c) {
            c.replaces().ifPresent(prefix -> removeUnder(prefix, c, touched));
            for (HaConfig config : c.configs()) {
                HaConfig before = configs.put(config.key(), config);
                if (before != null) touched.add(deviceKey(before));
                touched.add(deviceKey(config));
            }
        } else if (message instanceof HaDiscoveryMessage.Removal r) {
            removeUnder(r.key(), null, touched);
            HaConfig removed = configs.remove(r.key());
            if (removed != null) touched.add(deviceKey(removed));
        }
        return rebuild(touched);
    }

    private void removeUnder(String prefix, HaDiscoveryMessage.Configs keep, Set<String> touched) {
        List<String> keys = configs.keySet().stream().filter(k -> k.startsWith(prefix + "/")).toList();
        for (String k : keys) {
            if (keep != null && keep.configs().stream().anyMatch(c -> c.key().equals(k))) continue;
            touched.add(deviceKey(configs.remove(k)));
        }
    }

    private String deviceKey(HaConfig c) {
        // Entities without a device that share a topic are one device: one device per topic is what the registry allows.
        if (c.device().isEmpty()) {
            return c.options().text("state_topic").or(() -> c.options().text("command_topic")).or(() -> c.options().text("topic"))
                    .map(t -> "topic:" + t).orElse("entity:" + c.key());
        }
        List<String> ids = c.device().get().identifiers();
        String key = ids.stream().map(deviceKeyOf::get).filter(k -> k != null).findFirst().orElse("device:" + ids.get(0));
        ids.forEach(i -> deviceKeyOf.putIfAbsent(i, key));
        return key;
    }

    private Changes rebuild(Set<String> deviceKeys) {
        List<Assembled> changed = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String key : deviceKeys) {
            Map<String, HaConfig> entities = new TreeMap<>();
            configs.forEach((k, c) -> {
                if (deviceKey(c).equals(key)) entities.put(k, c);
            });
            Optional<Assembled> device = entities.isEmpty() ? Optional.empty() : assemble(key, entities.values(), problems);
            if (device.isPresent()) changed.add(device.get());
            else if (idOf.containsKey(key)) gone.add(idOf.remove(key));
        }
        return new Changes(changed, gone, problems);
    }

    private Optional<Assembled> assemble(String key, java.util.Collection<HaConfig> entities, List<String> problems) {
        HaConfig first = entities.iterator().next();
        // Some firmwares (Tasmota's former discovery) name the device in one entity's block only.
        Optional<HaDevice> device = entities.stream().map(HaConfig::device).flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparing(d -> d.name().isEmpty())).findFirst();
        String name = device.flatMap(HaDevice::name).or(() -> first.name()).orElse(first.objectId());
        Map<String, HaAttribute> attributes = new LinkedHashMap<>();
        Set<HaComponent> components = new LinkedHashSet<>();
        HaAvailability availability = HaAvailability.NONE;
        for (HaConfig c : entities) {
            HaEntityMapper.Result r = HaEntityMapper.map(c, base(c, name), prefix(c, name));
            if (r instanceof HaEntityMapper.Unsupported u) {
                if (!u.reason().equals(reported.put(c.key(), u.reason()))) {
                    problems.add("Home Assistant " + c.describe() + " left out: its " + u.reason()
                            + " (the supported templates are listed in docs/devices.md#value-templates)");
                }
                continue;
            }
            reported.remove(c.key());
            ((HaEntityMapper.Mapped) r).attributes().forEach(a -> put(attributes, a, c));
            components.add(c.component());
            if (availability.sources().isEmpty()) availability = c.availability();
        }
        if (attributes.isEmpty()) return Optional.empty();
        String id = idOf.computeIfAbsent(key, k -> uniqueId(HaNames.slug(name).isEmpty() ? HaNames.slug(first.objectId()) : HaNames.slug(name)));
        return Optional.of(new Assembled(id, name, device, List.copyOf(attributes.values()), availability, components));
    }

    /** An attribute name taken by another entity of the device gets the entity's object id; triggers of one type merge. */
    private static void put(Map<String, HaAttribute> attributes, HaAttribute a, HaConfig c) {
        HaAttribute existing = attributes.get(a.name());
        if (existing == null) {
            attributes.put(a.name(), a);
        } else if (a.type() == HaAttribute.Type.EVENT && existing.type() == HaAttribute.Type.EVENT
                && existing.stateTopic().equals(a.stateTopic())) {
            Map<String, String> values = new LinkedHashMap<>(existing.values());
            values.putAll(a.values());
            List<String> options = new ArrayList<>(existing.options());
            a.options().stream().filter(o -> !options.contains(o)).forEach(options::add);
            attributes.put(a.name(), new HaAttribute(a.name(), a.type(), a.unit(), a.min(), a.max(), a.step(), options,
                    a.stateTopic(), existing.template().or(a::template), values, Optional.empty()));
        } else {
            String renamed = a.name() + "_" + HaNames.slug(c.objectId());
            attributes.put(renamed, a.named(renamed));
        }
    }

    /** The attribute of a single-attribute entity: its own name without the device's in front, or what it is. */
    private static String base(HaConfig c, String deviceName) {
        Optional<String> own = ownName(c, deviceName);
        if (own.isPresent()) return own.get();
        return switch (c.component()) {
            case SENSOR -> c.options().text("device_class").map(HaNames::slug).orElse("value");
            case BINARY_SENSOR -> c.options().text("device_class").map(HaNames::slug).orElse("state");
            case BUTTON -> "press";
            case NUMBER, SELECT -> HaNames.slug(c.objectId());
            default -> "state";
        };
    }

    private static String prefix(HaConfig c, String deviceName) {
        return ownName(c, deviceName).map(n -> n + "_").orElse("");
    }

    /** The entity's name as an attribute name, when it has one other than the device's. */
    private static Optional<String> ownName(HaConfig c, String deviceName) {
        String device = HaNames.slug(deviceName);
        return c.name().map(HaNames::slug).filter(n -> !n.isEmpty() && !n.equals(device))
                .map(n -> n.startsWith(device + "_") && !device.isEmpty() ? n.substring(device.length() + 1) : n);
    }

    private String uniqueId(String wanted) {
        String base = wanted.isEmpty() ? "device" : wanted;
        String id = base;
        for (int n = 2; idOf.containsValue(id); n++) id = base + "_" + n;
        return id;
    }
}
