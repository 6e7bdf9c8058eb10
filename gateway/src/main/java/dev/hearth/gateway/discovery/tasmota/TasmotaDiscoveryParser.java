package dev.hearth.gateway.discovery.tasmota;

import dev.hearth.gateway.device.TasmotaFormat;

import dev.hearth.gateway.json.JsonTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads Tasmota's discovery documents into {@link TasmotaConfig} and {@link TasmotaSensor}s. */
public final class TasmotaDiscoveryParser {
    private static final int RELAY = 1;
    private static final int LIGHT = 2;
    private static final List<String> NOT_SENSORS = List.of("Time", "TempUnit", "PressureUnit", "SpeedUnit");
    private static final Map<String, String> BUTTON_ACTIONS_SWAPPED = Map.of("SINGLE", "double", "DOUBLE", "single", "TRIPLE", "triple",
            "QUAD", "quadruple", "PENTA", "quintuple", "HOLD", "hold");

    private TasmotaDiscoveryParser() {
    }

    /** What a {@code …/config} message held: the device, or why it cannot be read. */
    public sealed interface ConfigResult permits Device, Malformed {
    }

    public record Device(TasmotaConfig config) implements ConfigResult {
    }

    public record Malformed(String reason) implements ConfigResult {
    }

    public static ConfigResult config(byte[] payload) {
        Optional<Map<String, Object>> json = JsonTree.parseObject(payload);
        if (json.isEmpty()) return new Malformed("not a JSON object");
        Map<String, Object> c = json.get();
        for (String key : List.of("mac", "t", "ft", "tp", "rl", "state")) {
            if (!c.containsKey(key)) return new Malformed("no '" + key + "'");
        }
        List<String> prefixes = texts(c.get("tp"));
        List<String> states = texts(c.get("state"));
        if (prefixes.size() < 3 || states.size() < 2) return new Malformed("'tp' needs 3 prefixes and 'state' at least OFF and ON");
        Topics topics = new Topics(text(c, "ft"), text(c, "t"), text(c, "hn"), text(c, "mac"), prefixes);
        return new Device(new TasmotaConfig(text(c, "mac"), text(c, "t"), text(c, "dn"), text(c, "md"), text(c, "sw"),
                relays(c, topics, states), topics.tele("LWT"), textOr(c, "onln", "Online"), textOr(c, "ofln", "Offline"),
                topics.tele("SENSOR"), buttons(c, topics), switches(c, topics, states)));
    }

    /** Every value of the sensors document; empty if it is not one ({@code {"sn": {…}}}). */
    @SuppressWarnings("unchecked")
    public static Optional<List<TasmotaSensor>> sensors(byte[] payload) {
        Optional<Map<String, Object>> json = JsonTree.parseObject(payload);
        if (json.isEmpty() || !(json.get().get("sn") instanceof Map<?, ?> sn)) return Optional.empty();
        List<TasmotaSensor> out = new ArrayList<>();
        Map<String, Object> document = (Map<String, Object>) sn;
        document.forEach((key, value) -> {
            if (!NOT_SENSORS.contains(key)) flatten(List.of(key), value, document, out);
        });
        return Optional.of(out);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(List<String> path, Object value, Map<String, Object> document, List<TasmotaSensor> out) {
        if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> flatten(append(path, k), v, document, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) flatten(append(path, Integer.toString(i)), list.get(i), document, out);
        } else if (value instanceof Number || value instanceof String || value instanceof Boolean) {
            String unit = TasmotaUnits.of(path.get(path.size() - 1).matches("\\d+") ? path.get(path.size() - 2) : path.get(path.size() - 1), document);
            String attribute = String.join("_", path).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
            out.add(new TasmotaSensor(path, attribute, value instanceof Number, unit));
        }
    }

    private static List<TasmotaConfig.Relay> relays(Map<String, Object> c, Topics topics, List<String> states) {
        List<Long> kinds = c.get("rl") instanceof List<?> l ? l.stream().map(v -> v instanceof Long n ? n : 0L).toList() : List.of();
        List<String> names = c.get("fn") instanceof List<?> l ? l.stream().map(v -> v instanceof String s ? s : "").toList() : List.of();
        long present = kinds.stream().filter(k -> k != 0).count();
        List<TasmotaConfig.Relay> relays = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i) != RELAY && kinds.get(i) != LIGHT) continue;
            // Tasmota drops the index in its messages when the device has a single power output.
            String name = present == 1 ? "POWER" : "POWER" + (i + 1);
            String friendly = i < names.size() ? names.get(i) : "";
            relays.add(new TasmotaConfig.Relay(name, friendly, topics.stat(name), topics.command("POWER" + (i + 1)),
                    states.get(1), states.get(0)));
        }
        return relays;
    }

    /** Buttons present ({@code btn}) whose presses go to MQTT ({@code so} 73), as hatasmota's button triggers read them. */
    private static List<TasmotaConfig.Button> buttons(Map<String, Object> c, Topics topics) {
        Map<?, ?> options = c.get("so") instanceof Map<?, ?> so ? so : Map.of();
        if (!Long.valueOf(1).equals(options.get("73")) || !(c.get("btn") instanceof List<?> present)) return List.of();
        Map<String, String> actions = Long.valueOf(1).equals(options.get("13")) ? Map.of("SINGLE", "single")
                : Long.valueOf(1).equals(options.get("11")) ? BUTTON_ACTIONS_SWAPPED : TasmotaFormat.BUTTON_ACTIONS;
        List<TasmotaConfig.Button> buttons = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            if (present.get(i) instanceof Long n && n != 0) buttons.add(new TasmotaConfig.Button(i + 1, topics.stat("RESULT"), actions));
        }
        return buttons;
    }

    /**
     * Switches present ({@code swc} not -1), each with the events its SwitchMode sends, as hatasmota reads them: TOGGLE
     * a short press (modes 0, 3-8, 11, 12), HOLD a long press (5, 6) or a double press (8-10), ON and OFF the
     * position of a switch that follows (1-6, 9, 10, 13-16); the words are the device's state texts ({@code state}).
     */
    private static List<TasmotaConfig.Switch> switches(Map<String, Object> c, Topics topics, List<String> states) {
        List<?> modes = c.get("swc") instanceof List<?> l ? l : List.of();
        List<?> names = c.get("swn") instanceof List<?> l ? l : List.of();
        List<TasmotaConfig.Switch> switches = new ArrayList<>();
        for (int i = 0; i < modes.size(); i++) {
            if (!(modes.get(i) instanceof Long mode) || mode < 0) continue;
            Map<String, String> actions = switchActions(mode.intValue(), states);
            if (actions.isEmpty()) continue;
            String name = i < names.size() && names.get(i) instanceof String s && !s.isBlank() ? s : "Switch" + (i + 1);
            switches.add(new TasmotaConfig.Switch(i + 1, name, topics.stat("RESULT"), actions));
        }
        return switches;
    }

    private static Map<String, String> switchActions(int mode, List<String> states) {
        Map<String, String> actions = new java.util.HashMap<>();
        String off = states.get(0);
        String on = states.get(1);
        String toggle = states.size() > 2 ? states.get(2) : "TOGGLE";
        String hold = states.size() > 3 ? states.get(3) : "HOLD";
        if (List.of(0, 3, 4, 5, 6, 7, 8, 11, 12).contains(mode)) actions.put(toggle, "toggle");
        if (mode == 5 || mode == 6) actions.put(hold, "hold");
        if (mode >= 8 && mode <= 10) actions.put(hold, "double");
        if (List.of(1, 2, 3, 4, 5, 6, 9, 10, 13, 14, 15, 16).contains(mode)) {
            actions.put(on, "on");
            actions.put(off, "off");
        }
        return actions;
    }

    private static List<String> texts(Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static String text(Map<String, Object> c, String key) {
        return textOr(c, key, "");
    }

    private static String textOr(Map<String, Object> c, String key, String fallback) {
        return c.get(key) instanceof String s ? s : fallback;
    }

    private static List<String> append(List<String> path, String key) {
        List<String> next = new ArrayList<>(path);
        next.add(key);
        return next;
    }

    /** Tasmota's full topic, filled in (hatasmota/utils.py {@code _get_topic}). */
    private record Topics(String fullTopic, String topic, String hostname, String mac, List<String> prefixes) {
        String command(String command) {
            return with(prefixes.get(0)) + command;
        }

        String stat(String what) {
            return with(prefixes.get(1)) + what;
        }

        String tele(String what) {
            return with(prefixes.get(2)) + what;
        }

        private String with(String prefix) {
            String t = fullTopic.replace("%hostname%", hostname).replace("%id%", mac.length() >= 6 ? mac.substring(mac.length() - 6) : mac)
                    .replace("%prefix%", prefix).replace("%topic%", topic);
            return t.endsWith("/") ? t : t + "/";
        }
    }
}
