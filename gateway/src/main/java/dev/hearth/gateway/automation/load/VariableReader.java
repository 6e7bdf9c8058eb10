package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.Action;
import dev.hearth.gateway.automation.model.ExprScope;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An automation's {@code variables}. A value keeps the type it was written with ({@code 50} an int, {@code 50.0} a
 * double, {@code true} a bool, {@code "50"} or text a string) and is declared to CEL with it, so that an expression
 * using a variable wrongly fails at load with its position, not at run time; a value that is a single
 * {@code ${expression}} is whatever that computes.
 */
final class VariableReader {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
    private static final Pattern ONE_EXPRESSION = Pattern.compile("\\$\\{[^}]*}");

    private VariableReader() {
    }

    /** The variables' names and kinds, in order; a name that is not allowed is a problem and left out. */
    record Declared(Map<String, ExprScope.Kind> kinds, Optional<YamlMap> map) {
    }

    static Declared declare(YamlMap a, DeviceLookup devices) {
        Optional<YamlMap> vars = a.map("variables");
        Map<String, ExprScope.Kind> kinds = new LinkedHashMap<>();
        vars.ifPresent(v -> v.keys().forEach(name -> {
            if (!NAME.matcher(name).matches()) {
                v.problemAtKey(name, "variable name '" + name + "' must be lower-case letters, digits or underscores");
            } else if (devices.all().containsKey(name) || name.equals(ExprScope.TRIGGER) || name.equals(Action.Wait.TIMED_OUT)) {
                v.problemAtKey(name, "variable '" + name + "' hides a device or a built-in name; choose another");
            } else {
                kinds.put(name, v.value(name).map(VariableReader::kind).orElse(ExprScope.Kind.DYNAMIC));
            }
        }));
        return new Declared(kinds, vars);
    }

    private static ExprScope.Kind kind(Node value) {
        if (!(value instanceof ScalarNode s)) return ExprScope.Kind.DYNAMIC;
        Tag tag = s.getTag();
        if (tag.equals(Tag.BOOL)) return ExprScope.Kind.BOOL;
        if (tag.equals(Tag.INT)) return ExprScope.Kind.INT;
        if (tag.equals(Tag.FLOAT)) return ExprScope.Kind.DOUBLE;
        return ONE_EXPRESSION.matcher(s.getValue().strip()).matches() ? ExprScope.Kind.DYNAMIC : ExprScope.Kind.STRING;
    }

    /** The values, each compiled (or taken as written) in the scope of all of them. */
    static Map<String, Template> read(Declared declared, PartReader parts) {
        Map<String, Template> out = new LinkedHashMap<>();
        declared.map().ifPresent(v -> {
            declared.kinds().forEach((name, kind) -> value(v, name, kind, parts).ifPresentOrElse(t -> out.put(name, t), parts::fail));
            v.keys().forEach(v::has);
            v.finish();
        });
        return out;
    }

    private static Optional<Template> value(YamlMap v, String name, ExprScope.Kind kind, PartReader parts) {
        String text = v.text(name).orElse("");
        try {
            return switch (kind) {
                case BOOL -> Optional.of(Template.of(Value.of(Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT)))));
                case INT -> Optional.of(Template.integer(Long.decode(text.replace("0o", "0"))));
                case DOUBLE -> Optional.of(Template.of(Value.of(Double.parseDouble(text))));
                default -> parts.template(v, name);
            };
        } catch (IllegalArgumentException e) {
            v.problemAtValue(name, "variable '" + name + "': '" + text + "' is not a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " Hearth can use (a finite number within 64 bits)");
            return Optional.empty();
        }
    }
}
