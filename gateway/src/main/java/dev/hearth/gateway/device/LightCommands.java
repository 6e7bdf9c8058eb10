package dev.hearth.gateway.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static dev.hearth.gateway.device.AttributeSpec.composite;
import static dev.hearth.gateway.device.AttributeSpec.number;

/**
 * The words a light command may use beyond its attributes, as Home Assistant users write them: colour as
 * {@code xy: [x, y]}, {@code hs: [hue, saturation]}, {@code rgb: [r, g, b]} or {@code color_temp_kelvin}, a
 * {@code transition} in seconds, and relative {@code brightness_step} / {@code brightness_step_pct}. They are write-only
 * attributes of the light (a command never waits for their echo), checked against the light's own ranges; each format
 * writes them the way its devices understand.
 */
public final class LightCommands {
    public static final String XY = "xy";
    public static final String HS = "hs";
    public static final String RGB = "rgb";
    public static final String KELVIN = "color_temp_kelvin";
    public static final String TRANSITION = "transition";
    public static final String BRIGHTNESS_STEP = "brightness_step";
    public static final String BRIGHTNESS_STEP_PCT = "brightness_step_pct";
    public static final String COLOR = "color";
    public static final String COLOR_TEMP = "color_temp";
    public static final String BRIGHTNESS = "brightness";

    private LightCommands() {
    }

    public static AttributeSpec xy() {
        return composite(XY, number("x", "", 0, 1), number("y", "", 0, 1)).writeOnly();
    }

    public static AttributeSpec hs() {
        return composite(HS, number("hue", "°", 0, 360), number("saturation", "%", 0, 100)).writeOnly();
    }

    public static AttributeSpec rgb() {
        return composite(RGB, number("r", "", 0, 255), number("g", "", 0, 255), number("b", "", 0, 255)).writeOnly();
    }

    /** Zigbee2MQTT's {@code color}: x and y, or hue and saturation, as reported and as set. */
    public static AttributeSpec color() {
        return composite(COLOR, number("x", "", 0, 1), number("y", "", 0, 1), number("hue", "°", 0, 360),
                number("saturation", "%", 0, 100)).settable();
    }

    /**
     * The command words a light with these attributes takes, ranges from its own: Kelvin from its mired range,
     * steps from its brightness range, colour words only if it has a colour. What discovery adds to a light.
     */
    public static List<AttributeSpec> wordsFor(Map<String, AttributeSpec> attributes) {
        List<AttributeSpec> words = new ArrayList<>();
        words.add(number(TRANSITION, "s", 0, 3600).writeOnly());
        Optional.ofNullable(attributes.get(BRIGHTNESS)).filter(AttributeSpec::writable).ifPresent(b -> {
            double max = Double.isFinite(b.max()) ? b.max() : 254;
            words.add(number(BRIGHTNESS_STEP, "", -max, max).writeOnly());
            words.add(number(BRIGHTNESS_STEP_PCT, "%", -100, 100).writeOnly());
        });
        Optional.ofNullable(attributes.get(COLOR_TEMP)).filter(AttributeSpec::writable).ifPresent(ct -> {
            double coolest = Double.isFinite(ct.min()) && ct.min() > 0 ? ct.min() : 150;
            double warmest = Double.isFinite(ct.max()) && ct.max() > coolest ? ct.max() : 500;
            words.add(number(KELVIN, "K", Math.ceil(1e6 / warmest), Math.floor(1e6 / coolest)).writeOnly());
        });
        Optional.ofNullable(attributes.get(COLOR)).filter(AttributeSpec::writable).ifPresent(c -> {
            if (c.members().isEmpty() || c.member("x").isPresent()) words.add(xy());
            if (c.members().isEmpty() || c.member("hue").isPresent()) words.add(hs());
            words.add(rgb());
        });
        return words;
    }

    /** Zigbee2MQTT's spelling: colour words as its {@code color} object, Kelvin as mired; the rest as they are. */
    static SortedMap<String, Value> zigbee2mqtt(SortedMap<String, Value> values) {
        if (!values.containsKey(XY) && !values.containsKey(HS) && !values.containsKey(RGB) && !values.containsKey(KELVIN)) {
            return values;
        }
        SortedMap<String, Value> out = new TreeMap<>(values);
        rename(out, XY, COLOR);
        rename(out, HS, COLOR);
        rename(out, RGB, COLOR);
        Value kelvin = out.remove(KELVIN);
        if (kelvin instanceof Value.Number k) out.put(COLOR_TEMP, Value.of(mired(k.value())));
        return out;
    }

    /** Kelvin as mired (1,000,000 / K), whole. */
    public static double mired(double kelvin) {
        return Math.round(1e6 / kelvin);
    }

    private static void rename(SortedMap<String, Value> values, String word, String attribute) {
        Value v = values.remove(word);
        if (v != null) values.put(attribute, v);
    }
}
