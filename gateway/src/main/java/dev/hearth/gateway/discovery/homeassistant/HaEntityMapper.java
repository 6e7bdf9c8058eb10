package dev.hearth.gateway.discovery.homeassistant;

import dev.hearth.gateway.discovery.homeassistant.HaAttribute.Command;
import dev.hearth.gateway.discovery.homeassistant.HaAttribute.Type;
import dev.hearth.gateway.discovery.homeassistant.template.ValueTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each component's entity gives its device, with Home Assistant's defaults for what the config leaves out
 * (payloads {@code ON}/{@code OFF}, a cover's {@code OPEN}/{@code CLOSE}/{@code STOP}, a number's 1 to 100…).
 * An entity with a template outside the supported subset gives nothing: {@link Unsupported} says which and why.
 */
final class HaEntityMapper {
    private static final double ANY = Double.POSITIVE_INFINITY;
    private static final Set<String> NUMERIC_CLASSES = Set.of("temperature", "humidity", "pressure", "power", "energy",
            "voltage", "current", "battery", "illuminance", "signal_strength", "carbon_dioxide", "pm25", "pm10", "frequency",
            "atmospheric_pressure", "power_factor", "apparent_power", "reactive_power", "distance", "speed", "weight", "moisture");

    sealed interface Result permits Mapped, Unsupported {
    }

    record Mapped(List<HaAttribute> attributes) implements Result {
    }

    record Unsupported(String reason) implements Result {
    }

    private final HaOptions o;
    private final List<HaAttribute> out = new ArrayList<>();
    private String unsupported;

    private HaEntityMapper(HaConfig config) {
        this.o = config.options();
    }

    /**
     * {@code base} names a single-attribute entity's attribute ({@code garage_temperature}); {@code prefix} goes before
     * the fixed names of a multi-attribute one ({@code state}, {@code brightness}), empty for the device's main one.
     */
    static Result map(HaConfig config, String base, String prefix) {
        HaEntityMapper m = new HaEntityMapper(config);
        m.component(config.component(), base, prefix);
        return m.unsupported != null ? new Unsupported(m.unsupported) : new Mapped(m.out);
    }

    private void component(HaComponent component, String base, String prefix) {
        switch (component) {
            case SENSOR -> sensor(base);
            case BINARY_SENSOR -> add(base, Type.BOOLEAN, "", o.text("state_topic"), template("value_template"),
                    Map.of(o.text("payload_on", "ON"), "true", o.text("payload_off", "OFF"), "false"), Optional.empty());
            case SWITCH -> onOff(base, "state_topic", "value_template", "command_topic", "command_template");
            case LIGHT -> light(prefix);
            case CLIMATE -> climate(prefix);
            case COVER -> cover(prefix);
            case LOCK -> lock(prefix);
            case FAN -> fan(prefix);
            case NUMBER -> number(base);
            case SELECT -> add(base, Type.ENUM, "", o.text("state_topic"), template("value_template"), Map.of(),
                    command("command_topic", "command_template"), o.texts("options"));
            case BUTTON -> add(base, Type.BOOLEAN, "", Optional.empty(), Optional.empty(),
                    Map.of(o.text("payload_press", "PRESS"), "true"), command("command_topic", "command_template"));
            case DEVICE_AUTOMATION -> trigger();
        }
    }

    private void sensor(String base) {
        String unit = o.text("unit_of_measurement", "").strip();
        boolean numeric = !unit.isEmpty() || o.has("state_class") || NUMERIC_CLASSES.contains(o.text("device_class", ""));
        add(base, numeric ? Type.NUMBER : Type.TEXT, unit, o.text("state_topic"), template("value_template"), Map.of(), Optional.empty());
    }

    /** A switch, a light's or a fan's power: {@code ON}/{@code OFF} as the device spells them. */
    private void onOff(String name, String stateTopic, String valueTemplate, String commandTopic, String commandTemplate) {
        String on = o.text("payload_on", "ON");
        String off = o.text("payload_off", "OFF");
        add(name, Type.ENUM, "", o.text(stateTopic), template(valueTemplate),
                Map.of(o.text("state_on", on), "ON", o.text("state_off", off), "OFF"), command(commandTopic, commandTemplate),
                List.of("ON", "OFF"));
    }

    private void light(String p) {
        switch (o.text("schema", "default")) {
            case "json" -> jsonLight(p);
            case "default", "basic" -> {
                onOff(p + "state", "state_topic", "state_value_template", "command_topic", "command_template");
                if (o.has("brightness_command_topic") || o.has("brightness_state_topic")) {
                    add(p + "brightness", Type.NUMBER, "", o.text("brightness_state_topic"), template("brightness_value_template"),
                            Map.of(), command("brightness_command_topic", "brightness_command_template"), 0, o.number("brightness_scale", 255), 1);
                }
                if (o.has("color_temp_command_topic") || o.has("color_temp_state_topic")) {
                    add(p + "color_temp", Type.NUMBER, "mired", o.text("color_temp_state_topic"), template("color_temp_value_template"),
                            Map.of(), command("color_temp_command_topic", "color_temp_command_template"),
                            o.number("min_mireds", 153), o.number("max_mireds", 500), 1);
                }
            }
            default -> unsupported = "light schema '" + o.text("schema", "") + "' is not supported";
        }
    }

    /** Home Assistant's JSON schema: one JSON state and one JSON command, {@code {"state": "ON", "brightness": 255}}. */
    private void jsonLight(String p) {
        Optional<String> state = o.text("state_topic");
        Optional<String> commandTopic = o.text("command_topic");
        add(p + "state", Type.ENUM, "", state, fixed("{{ value_json.state }}"), Map.of(),
                commandTopic.map(t -> new Command(t, "{\"state\": \"" + Command.VALUE + "\"}")), List.of("ON", "OFF"));
        List<String> modes = o.texts("supported_color_modes");
        if (o.flag("brightness", false) || modes.stream().anyMatch(m -> !m.equals("onoff"))) {
            add(p + "brightness", Type.NUMBER, "", state, fixed("{{ value_json.brightness }}"), Map.of(),
                    commandTopic.map(t -> new Command(t, "{\"state\": \"ON\", \"brightness\": " + Command.VALUE + "}")),
                    0, o.number("brightness_scale", 255), 1);
        }
        if (modes.contains("color_temp")) {
            add(p + "color_temp", Type.NUMBER, "mired", state, fixed("{{ value_json.color_temp }}"), Map.of(),
                    commandTopic.map(t -> new Command(t, "{\"state\": \"ON\", \"color_temp\": " + Command.VALUE + "}")),
                    o.number("min_mireds", 153), o.number("max_mireds", 500), 1);
        }
    }

    private void climate(String p) {
        String unit = "°" + o.text("temperature_unit", "C");
        if (o.has("current_temperature_topic")) {
            add(p + "current_temperature", Type.NUMBER, unit, o.text("current_temperature_topic"),
                    template("current_temperature_template"), Map.of(), Optional.empty());
        }
        if (o.has("temperature_command_topic") || o.has("temperature_state_topic")) {
            add(p + "target_temperature", Type.NUMBER, unit, o.text("temperature_state_topic"), template("temperature_state_template"),
                    Map.of(), command("temperature_command_topic", "temperature_command_template"),
                    o.number("min_temp", 7), o.number("max_temp", 35), o.number("temp_step", o.number("precision", 0.5)));
        }
        if (o.has("mode_command_topic") || o.has("mode_state_topic")) {
            List<String> modes = o.has("modes") ? o.texts("modes") : List.of("auto", "off", "cool", "heat", "dry", "fan_only");
            add(p + "mode", Type.ENUM, "", o.text("mode_state_topic"), template("mode_state_template"), Map.of(),
                    command("mode_command_topic", "mode_command_template"), modes);
        }
        if (o.has("action_topic")) {
            add(p + "action", Type.TEXT, "", o.text("action_topic"), template("action_template"), Map.of(), Optional.empty());
        }
    }

    private void cover(String p) {
        if (o.has("state_topic")) {
            Map<String, String> states = new LinkedHashMap<>();
            for (String s : List.of("open", "opening", "closed", "closing", "stopped")) states.put(o.text("state_" + s, s), s);
            add(p + "state", Type.ENUM, "", o.text("state_topic"), template("value_template"), states, Optional.empty(),
                    List.of("open", "opening", "closed", "closing", "stopped"));
        }
        if (o.has("position_topic") || o.has("set_position_topic")) {
            add(p + "position", Type.NUMBER, "%", o.text("position_topic"), template("position_template"), Map.of(),
                    command("set_position_topic", "set_position_template"), o.number("position_closed", 0), o.number("position_open", 100), 1);
        }
        if (o.has("command_topic")) {
            add(p + "command", Type.ENUM, "", Optional.empty(), Optional.empty(), Map.of(o.text("payload_open", "OPEN"), "open",
                    o.text("payload_close", "CLOSE"), "close", o.text("payload_stop", "STOP"), "stop"),
                    command("command_topic", ""), List.of("open", "close", "stop"));
        }
    }

    private void lock(String p) {
        if (o.has("state_topic")) {
            Map<String, String> states = new LinkedHashMap<>();
            for (String s : List.of("locked", "unlocked", "locking", "unlocking", "jammed", "open")) {
                states.put(o.text("state_" + s, s.toUpperCase()), s);
            }
            add(p + "state", Type.ENUM, "", o.text("state_topic"), template("value_template"), states, Optional.empty(),
                    List.of("locked", "unlocked", "locking", "unlocking", "jammed", "open"));
        }
        add(p + "command", Type.ENUM, "", Optional.empty(), Optional.empty(),
                Map.of(o.text("payload_lock", "LOCK"), "lock", o.text("payload_unlock", "UNLOCK"), "unlock"),
                command("command_topic", "command_template"), List.of("lock", "unlock"));
    }

    private void fan(String p) {
        onOff(p + "state", "state_topic", "state_value_template", "command_topic", "command_template");
        if (o.has("percentage_command_topic") || o.has("percentage_state_topic")) {
            add(p + "percentage", Type.NUMBER, "%", o.text("percentage_state_topic"), template("percentage_value_template"),
                    Map.of(), command("percentage_command_topic", "percentage_command_template"), 0, 100, 1);
        }
        if (o.has("preset_modes") && (o.has("preset_mode_command_topic") || o.has("preset_mode_state_topic"))) {
            add(p + "preset_mode", Type.ENUM, "", o.text("preset_mode_state_topic"), template("preset_mode_value_template"),
                    Map.of(), command("preset_mode_command_topic", "preset_mode_command_template"), o.texts("preset_modes"));
        }
    }

    private void number(String base) {
        add(base, Type.NUMBER, o.text("unit_of_measurement", "").strip(), o.text("state_topic"), template("value_template"),
                Map.of(), command("command_topic", "command_template"), o.number("min", 1), o.number("max", 100), o.number("step", 1));
    }

    /**
     * A device trigger is an event named by its {@code type}; its payload (when given) is the event {@code subtype}.
     * Without a payload (or a template) every message on its topic is the trigger, as in Home Assistant.
     */
    private void trigger() {
        String subtype = o.text("subtype", "");
        Map<String, String> values = o.text("payload").map(pl -> Map.of(pl, subtype)).orElse(Map.of());
        Optional<ValueTemplate> template = o.text("payload").isEmpty() && o.text("value_template").isEmpty() && !subtype.isEmpty()
                ? fixed("{{ '" + subtype.replace("'", "") + "' }}") : template("value_template");
        add(HaNames.slug(o.text("type", "event")), Type.EVENT, "", o.text("topic"), template, values, Optional.empty(), List.of(subtype));
    }

    private Optional<ValueTemplate> template(String key) {
        Optional<String> source = o.text(key);
        if (source.isEmpty()) return Optional.empty();
        ValueTemplate.Compiled c = ValueTemplate.compile(source.get());
        if (c instanceof ValueTemplate.Ok ok) return Optional.of(ok.template());
        if (unsupported == null) unsupported = key + " '" + source.get() + "': " + ((ValueTemplate.Unsupported) c).reason();
        return Optional.empty();
    }

    private static Optional<ValueTemplate> fixed(String source) {
        return Optional.of(((ValueTemplate.Ok) ValueTemplate.compile(source)).template());
    }

    /**
     * Where and how the attribute is set ({@code templateKey} empty: the value as it is); a command template must be a
     * plain pattern ({@code {{ value }}} substituted).
     */
    private Optional<Command> command(String topicKey, String templateKey) {
        Optional<String> topic = o.text(topicKey);
        if (topic.isEmpty()) return Optional.empty();
        Optional<String> source = templateKey.isEmpty() ? Optional.empty() : o.text(templateKey);
        if (source.isEmpty()) return Optional.of(new Command(topic.get(), Command.VALUE));
        Optional<String> pattern = template(templateKey).flatMap(t -> t.asPattern(Command.VALUE));
        if (pattern.isEmpty() && unsupported == null) {
            unsupported = templateKey + " '" + source.get() + "': a command template may only insert the value ({{ value }})";
        }
        return pattern.map(p -> new Command(topic.get(), p));
    }

    private void add(String name, Type type, String unit, Optional<String> stateTopic, Optional<ValueTemplate> template,
                     Map<String, String> values, Optional<Command> command) {
        add(name, type, unit, stateTopic, template, values, command, -ANY, ANY, 0, List.of());
    }

    private void add(String name, Type type, String unit, Optional<String> stateTopic, Optional<ValueTemplate> template,
                     Map<String, String> values, Optional<Command> command, List<String> options) {
        add(name, type, unit, stateTopic, template, values, command, -ANY, ANY, 0, options);
    }

    private void add(String name, Type type, String unit, Optional<String> stateTopic, Optional<ValueTemplate> template,
                     Map<String, String> values, Optional<Command> command, double min, double max, double step) {
        add(name, type, unit, stateTopic, template, values, command, min, max, step, List.of());
    }

    private void add(String name, Type type, String unit, Optional<String> stateTopic, Optional<ValueTemplate> template,
                     Map<String, String> values, Optional<Command> command, double min, double max, double step, List<String> options) {
        if (stateTopic.isEmpty() && command.isEmpty()) return;
        out.add(new HaAttribute(name, type, unit, min, max, step, options, stateTopic, template, values, command));
    }
}
