package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.DeviceSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final Pattern STRING_LITERAL = Pattern.compile("\"[^\"]*\"|'[^']*'");

    /** How a name is declared to CEL: a map of attributes (a device, the trigger) or any value (a variable). */
    enum Kind { ATTRIBUTES, DYNAMIC }

    private record Key(SortedMap<String, Kind> names, String source) {
    }

    private final Map<String, DeviceSpec> devices;
    private final Set<String> variables;
    private final Map<Key, Compiled> compiled;

    public ExprScope(Map<String, DeviceSpec> devices, Collection<String> variables) {
        this(devices, new LinkedHashSet<>(variables), Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Compiled> eldest) {
                return size() > CACHED;
            }
        }));
    }

    private ExprScope(Map<String, DeviceSpec> devices, Set<String> variables, Map<Key, Compiled> compiled) {
        this.devices = devices;
        this.variables = variables;
        this.compiled = compiled;
    }

    /** This scope plus an automation's own variables; cheap, whatever the number of devices. */
    public ExprScope withVariables(Collection<String> names) {
        Set<String> all = new LinkedHashSet<>(variables);
        all.addAll(names);
        return new ExprScope(devices, all, compiled);
    }

    /** Compiles {@code source}; on failure returns the problems in words. */
    public Compiled compile(String source) {
        List<String> problems = unknownAttributes(source);
        if (!problems.isEmpty()) return new Compiled(null, problems);
        Optional<Expr> path = PathExpression.of(source, this::declared);
        if (path.isPresent()) return new Compiled(path.get(), List.of());
        SortedMap<String, Kind> names = mentioned(source);
        return compiled.computeIfAbsent(new Key(names, source), k -> CelExpressions.compile(source, names));
    }

    public record Compiled(Expr expr, List<String> problems) {
    }

    private boolean declared(String name) {
        return variables.contains(name) || name.equals(TRIGGER) || devices.containsKey(name);
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
            if (variables.contains(word)) names.put(word, Kind.DYNAMIC);
            else if (word.equals(TRIGGER) || devices.containsKey(word)) names.put(word, Kind.ATTRIBUTES);
        }
        return names;
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
