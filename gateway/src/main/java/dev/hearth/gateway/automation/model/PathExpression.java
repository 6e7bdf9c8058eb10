package dev.hearth.gateway.automation.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An expression that only names a value, {@code trigger.kind} or {@code living_temperature.temperature}: looked up
 * without CEL. CEL with its protobuf, Guava and ANTLR is ~1,100 classes, all resident once loaded (in metaspace or in
 * the class archive, ~10 MiB); a home whose expressions are all of this kind, the usual {@code ${trigger.kind}} in a
 * log line, never loads it. Same value as CEL's, and a failure where CEL fails (a name or key without a value).
 */
final class PathExpression {
    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    /** CEL's literals and reserved words: such a "path" means something else to CEL, or nothing. */
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const", "continue",
            "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");

    private PathExpression() {
    }

    /** The look-up, when {@code source} is a path whose first name is {@code declared}; otherwise CEL compiles it. */
    static Optional<Expr> of(String source, Predicate<String> declared) {
        String path = source.strip();
        if (!PATH.matcher(path).matches()) return Optional.empty();
        List<String> names = List.of(path.split("\\."));
        if (names.stream().anyMatch(RESERVED::contains) || !declared.test(names.get(0))) return Optional.empty();
        return Optional.of(new Expr(source, variables -> lookUp(names, variables)));
    }

    private static Object lookUp(List<String> names, Expr.Variables variables) {
        Object value = variables.find(names.get(0))
                .orElseThrow(() -> new IllegalStateException("no value for '" + names.get(0) + "'"));
        for (int i = 1; i < names.size(); i++) {
            String key = names.get(i);
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalStateException("'" + String.join(".", names.subList(0, i)) + "' has no field '" + key + "'");
            }
            value = map.get(key);
            if (value == null) throw new IllegalStateException("key '" + key + "' is not present in " + String.join(".", names.subList(0, i)));
        }
        return value;
    }
}
