package dev.hearth.gateway.device;

import dev.hearth.gateway.yaml.YamlMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Tasmota's own topics for a device whose Topic is {@code t} (FullTopic {@code %prefix%/%topic%/}): a relay on
 * {@code stat/t/POWER[n]} (plain ON/OFF) and in the JSON of {@code stat/t/RESULT} and {@code tele/t/STATE}; sensors
 * nested in {@code tele/t/SENSOR} ({@code ENERGY.Power}); {@code tele/t/LWT} Online/Offline for the whole device.
 * An attribute's source is Tasmota's field ({@code POWER2}, {@code ENERGY.Total}, {@code AM2301.Temperature}); a command
 * is the field's name as a command on {@code cmnd/t/<Command>} (Sources: tasmota.github.io/docs/MQTT and /Commands).
 */
public record TasmotaFormat(String topic) implements DeviceFormat {
    public static final String NAME = "tasmota";
    public static final DeviceFormats.Kind KIND = new DeviceFormats.Kind(NAME, TasmotaFormat::read);
    private static final Pattern POWER = Pattern.compile("POWER\\d?");
    private static final Pattern INPUT = Pattern.compile("(button|switch)([1-9]\\d?)");
    /**
     * A button's or detached switch's action ({@code {"Button1":{"Action":"SINGLE"}}}, {@code {"Switch1":{"Action":"TOGGLE"}}}
     * on {@code stat/<t>/RESULT}) as Hearth's event, with the default state texts (Sources: tasmota.github.io/docs/Buttons-and-Switches,
     * SetOption73 and SetOption114).
     */
    public static final Map<String, String> ACTIONS = Map.of("SINGLE", "single", "DOUBLE", "double", "TRIPLE", "triple",
            "QUAD", "quadruple", "PENTA", "quintuple", "HOLD", "hold", "TOGGLE", "toggle", "ON", "on", "OFF", "off");
    /** The presses of a button (SetOption73): {@link #ACTIONS} without a switch's words. */
    public static final Map<String, String> BUTTON_ACTIONS = Map.of("SINGLE", "single", "DOUBLE", "double", "TRIPLE", "triple",
            "QUAD", "quadruple", "PENTA", "quintuple", "HOLD", "hold");

    private static Optional<DeviceFormat> read(YamlMap d) {
        return DeviceFormats.requiredTopic(d, "topic").map(TasmotaFormat::new);
    }

    @Override
    public String yamlName() {
        return NAME;
    }

    @Override
    public Optional<String> availabilityTopic() {
        return Optional.of("tele/" + topic + "/LWT");
    }

    /** The built-in kinds in Tasmota's words: a relay is POWER, a light's brightness its Dimmer (0-100), energy ENERGY.*. */
    @Override
    public Optional<AttributeSpec> shortcut(AttributeSpec a) {
        return switch (a.name()) {
            case "state" -> Optional.of(source(a, "POWER"));
            case "brightness" -> Optional.of(source(new AttributeSpec(a.name(), a.type(), "%", a.access(), 0, 100, 1,
                    a.options(), a.members(), a.mapping()), "Dimmer"));
            case "color_temp" -> Optional.of(source(a, "CT"));
            case "action" -> Optional.of(a.withMapping(a.mapping().withSource(List.of("Button1", "Action")).withValues(ACTIONS)));
            case "power" -> Optional.of(source(a, "ENERGY.Power"));
            case "energy" -> Optional.of(source(a, "ENERGY.Total"));
            case "voltage" -> Optional.of(source(a, "ENERGY.Voltage"));
            case "current" -> Optional.of(source(a, "ENERGY.Current"));
            case LightCommands.KELVIN, LightCommands.HS, LightCommands.RGB -> Optional.of(a);
            // No link quality over Wi-Fi; no xy colour, fade or relative step in Tasmota's commands.
            case "linkquality", LightCommands.XY, LightCommands.COLOR, LightCommands.TRANSITION,
                    LightCommands.BRIGHTNESS_STEP, LightCommands.BRIGHTNESS_STEP_PCT -> Optional.empty();
            default -> Optional.of(a);
        };
    }

    /** An event {@code button1}, {@code switch2}…: that input's action, in lower case ({@code single}, {@code toggle}, {@code hold}). */
    @Override
    public AttributeSpec declared(AttributeSpec a) {
        java.util.regex.Matcher m = INPUT.matcher(a.name());
        if (a.type() != ValueType.EVENT || !m.matches()) return a;
        String input = Character.toUpperCase(a.name().charAt(0)) + a.name().substring(1);
        return a.withMapping(a.mapping().withSource(List.of(input, "Action")).withValues(ACTIONS));
    }

    private static AttributeSpec source(AttributeSpec a, String dotted) {
        return a.withMapping(a.mapping().withSource(AttributeMapping.path(dotted)));
    }

    @Override
    public List<Source> sources(AttributeSpec attribute) {
        List<String> path = DeviceFormat.pathOf(attribute);
        List<Source> sources = new ArrayList<>(4);
        if (path.size() == 1 && POWER.matcher(path.get(0)).matches()) sources.add(new Source("stat/" + topic + "/" + path.get(0), List.of()));
        sources.add(new Source("stat/" + topic + "/RESULT", path));
        sources.add(new Source("tele/" + topic + "/STATE", path));
        sources.add(new Source("tele/" + topic + "/SENSOR", path));
        return sources;
    }

    /** A command is a field's name: not a nested sensor value. */
    @Override
    public boolean commands(AttributeSpec attribute) {
        return DeviceFormat.pathOf(attribute).size() == 1;
    }

    @Override
    public List<Command> encode(Map<String, AttributeSpec> attributes, SortedMap<String, Value> values) {
        List<Command> out = new ArrayList<>(values.size());
        values.forEach((name, value) -> {
            switch (name) {
                case LightCommands.KELVIN -> out.add(command("CT", Value.of(LightCommands.mired(((Value.Number) value).value())).toString()));
                case LightCommands.RGB -> out.add(command("Color", members(value, "r", "g", "b")));
                case LightCommands.HS -> {
                    Value.Composite hs = (Value.Composite) value;
                    if (hs.member("hue").isPresent()) out.add(command("HSBColor1", members(value, "hue")));
                    if (hs.member("saturation").isPresent()) out.add(command("HSBColor2", members(value, "saturation")));
                }
                default -> {
                    AttributeSpec spec = attributes.get(name);
                    out.add(command(DeviceFormat.pathOf(spec).get(0), spec.mapping().toPayload(value)));
                }
            }
        });
        return out;
    }

    private Command command(String name, String payload) {
        return new Command("cmnd/" + topic + "/" + name, payload);
    }

    /** Members of a composite as Tasmota's comma-separated whole numbers ({@code 255,0,0}). */
    private static String members(Value value, String... names) {
        Value.Composite c = (Value.Composite) value;
        List<String> parts = new ArrayList<>(names.length);
        for (String n : names) parts.add(c.member(n).map(v -> Value.of(Math.round(((Value.Number) v).value())).toString()).orElse("0"));
        return String.join(",", parts);
    }
}
