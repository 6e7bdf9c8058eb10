package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names an expression may use: every device (a map of its attributes, e.g. {@code living_temperature.temperature}),
 * {@code trigger} (what fired: kind, device, attribute, from, to, topic, payload) and the automation's variables.
 * An expression naming anything else does not compile; a device attribute that does not exist is reported too.
 */
public final class ExprScope {
    public static final String TRIGGER = "trigger";
    /** Compiled expressions kept per loader: the same text with the same names compiles once (CEL's checker is slow). */
    private static final int CACHED = 10_000;
    /** Every word of an expression, string contents included: a superset of the names it refers to. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern DEVICE_ATTRIBUTE = Pattern.compile("\\b([a-z0-9_]+)\\.([a-z_][a-z0-9_]*)");
    /** A name at the start of a member access ({@code hall_lamp.brightness}, not the {@code to} of {@code trigger.to.x}). */
    private static final Pattern NAME_WITH_MEMBER = Pattern.compile("(?<![.\\w])([a-z_][a-z0-9_]*)\\.[a-z_]");
    /** Brackets inside brackets: a condition written by hand needs a handful. */
    static final int MAX_NESTING = 32;
    private static final Pattern STRING_LITERAL = Pattern.compile("\"[^\"]*\"|'[^']*'");

    /**
     * How a name is declared to CEL: a map of attributes (a device, the trigger), any value (a variable computed by an
     * expression), or the type a variable's YAML value was written with, so that CEL checks its uses at load.
     */
    public enum Kind { ATTRIBUTES, DYNAMIC, BOOL, INT, DOUBLE, STRING }

    private record Key(SortedMap<String, Kind> names, String source) {
    }

    private final Map<String, DeviceSpec> devices;
    private final Map<String, Kind> variables;
    private final Map<Key, Compiled> compiled;

    public ExprScope(Map<String, DeviceSpec> devices, Collection<String> variables) {
        this(devices, dynamic(variables), Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Compiled> eldest) {
                return size() > CACHED;
            }
        }));
    }

    private static Map<String, Kind> dynamic(Collection<String> names) {
        Map<String, Kind> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, Kind.DYNAMIC));
        return out;
    }

    private ExprScope(Map<String, DeviceSpec> devices, Map<String, Kind> variables, Map<Key, Compiled> compiled) {
        this.devices = devices;
        this.variables = variables;
        this.compiled = compiled;
    }

    /** This scope plus an automation's own variables, each of its kind; cheap, whatever the number of devices. */
    public ExprScope withVariables(Map<String, Kind> names) {
        Map<String, Kind> all = new LinkedHashMap<>(variables);
        all.putAll(names);
        return new ExprScope(devices, all, compiled);
    }

    /** Compiles {@code source}; on failure returns the problems in words. */
    public Compiled compile(String source) {
        int depth = nesting(source);
        if (depth > MAX_NESTING) {
            return new Compiled(null, List.of("it is nested " + depth + " levels deep (brackets), at most " + MAX_NESTING + " are allowed"));
        }
        List<String> problems = unknownAttributes(source);
        if (!problems.isEmpty()) return new Compiled(null, problems);
        Optional<Expr> path = PathExpression.of(source, this::declared);
        if (path.isPresent()) return new Compiled(path.get(), List.of());
        SortedMap<String, Kind> names = mentioned(source);
        return compiled.computeIfAbsent(new Key(names, source), k -> CelExpressions.compile(source, names));
    }

    public record Compiled(Expr expr, List<String> problems) {
    }

    /**
     * The deepest nesting of brackets in {@code source}, string literals aside: CEL's parser and checker recurse per
     * level, so thousands of them exhaust the stack of the thread that loads the file.
     */
    static int nesting(String source) {
        int depth = 0;
        int deepest = 0;
        char quote = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }

    private boolean declared(String name) {
        return variables.containsKey(name) || name.equals(TRIGGER) || devices.containsKey(name);
    }

    /**
     * The declarable names the source mentions. Declaring a name the expression does not use cannot change how it
     * compiles, so this gives the same result as declaring the whole scope, at a cost independent of its size.
     */
    private SortedMap<String, Kind> mentioned(String source) {
        SortedMap<String, Kind> names = new TreeMap<>();
        Matcher m = WORD.matcher(source);
        while (m.find()) {
            String word = m.group();
            if (variables.containsKey(word)) names.put(word, variables.get(word));
            else if (word.equals(TRIGGER) || devices.containsKey(word)) names.put(word, Kind.ATTRIBUTES);
        }
        return names;
    }

    /**
     * Names the source reads attributes of ({@code x.y}) that are neither devices, variables nor the trigger, in the
     * order written: devices not known yet, when discovery may still bring them.
     */
    public List<String> undeclaredDevices(String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NAME_WITH_MEMBER.matcher(STRING_LITERAL.matcher(source).replaceAll("\"\""));
        while (m.find()) {
            if (!declared(m.group(1))) out.add(m.group(1));
        }
        return List.copyOf(out);
    }

    private List<String> unknownAttributes(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = DEVICE_ATTRIBUTE.matcher(STRING_LITERAL.matcher(source).replaceAll("\"\""));
        while (m.find()) {
            DeviceSpec d = devices.get(m.group(1));
            if (d != null && d.attribute(m.group(2)).isEmpty()) {
                out.add(d.id() + " (" + d.kind().yamlName() + ") has no attribute '" + m.group(2) + "'; it has: "
                        + String.join(", ", d.attributes().keySet().stream().sorted().toList()));
            }
        }
        return out;
    }
}
