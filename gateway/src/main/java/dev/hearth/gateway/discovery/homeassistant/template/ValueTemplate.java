package dev.hearth.gateway.discovery.homeassistant.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subset of Home Assistant's Jinja templates that discovery configs of real devices use (see docs/devices.md):
 * text with {@code {{ expression }}} parts over {@code value} (the payload as text), {@code value_json} (the payload
 * parsed as JSON) or a command's variables; member access ({@code .a}, {@code ['a']}, {@code [0]}), filters
 * ({@code float int round lower upper capitalize trim string abs bool default replace is_defined multiply}),
 * arithmetic, comparisons, {@code and or not}, {@code is defined} and inline {@code if … else …}.
 * Statements ({@code {% … %}}) and anything else are refused at {@link #compile}, never half-evaluated.
 */
public final class ValueTemplate {
    /** What {@link #compile} made of a template's text. */
    public sealed interface Compiled permits Ok, Unsupported {
    }

    public record Ok(ValueTemplate template) implements Compiled {
    }

    /** Outside the subset; {@code reason} says what, for a log line naming the entity. */
    public record Unsupported(String source, String reason) implements Compiled {
    }

    private final String source;
    /** Literal text (String) and expressions ({@link Expr}), in order. */
    private final List<Object> parts;

    private ValueTemplate(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    public static Compiled compile(String source) {
        try {
            return new Ok(new ValueTemplate(source, split(source)));
        } catch (UnsupportedTemplateException e) {
            return new Unsupported(source, e.getMessage());
        }
    }

    private static List<Object> split(String source) throws UnsupportedTemplateException {
        if (source.contains("{%") || source.contains("{#")) throw new UnsupportedTemplateException("statements ({% … %}) are not supported");
        List<Object> parts = new ArrayList<>();
        int at = 0;
        while (at < source.length()) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                parts.add(source.substring(at));
                break;
            }
            if (open > at) parts.add(source.substring(at, open));
            int close = source.indexOf("}}", open + 2);
            if (close < 0) throw new UnsupportedTemplateException("'{{' without '}}'");
            parts.add(Parser.parse(source.substring(open + 2, close)));
            at = close + 2;
        }
        return List.copyOf(parts);
    }

    public String source() {
        return source;
    }

    /**
     * Renders over a state message: {@code value} is its text, {@code valueJson} the parsed JSON (empty when the payload
     * is not JSON: then any use of {@code value_json} is undefined). Empty when the result is undefined (the message
     * does not carry it). A template of one expression gives that expression's value (number, boolean, text…);
     * one with literal text gives text.
     */
    public Optional<Object> render(String value, Optional<Object> valueJson) {
        Map<String, Object> variables = new HashMap<>(4);
        variables.put("value", value);
        valueJson.ifPresent(json -> variables.put("value_json", json));
        return render(variables);
    }

    /** Renders over the given variables (a command template's {@code value}, {@code position}…). */
    public Optional<Object> render(Map<String, Object> variables) {
        Evaluator evaluator = new Evaluator(variables);
        if (parts.size() == 1 && parts.get(0) instanceof Expr only) {
            Object v = evaluator.eval(only);
            return v == Undefined.INSTANCE ? Optional.empty() : Optional.of(v);
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Expr e) {
                Object v = evaluator.eval(e);
                if (v == Undefined.INSTANCE) return Optional.empty();
                text.append(PyValues.text(v));
            } else {
                text.append(part);
            }
        }
        return Optional.of(text.toString());
    }

    /**
     * A command template as a plain pattern: each {@code {{ variable }}} replaced by {@code placeholder}; empty when
     * any part is more than a bare variable (a command's value then would need computing, which commands do not do).
     */
    public Optional<String> asPattern(String placeholder) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Expr.Variable) out.append(placeholder);
            else if (part instanceof Expr) return Optional.empty();
            else out.append(part);
        }
        return Optional.of(out.toString());
    }

    /** A rendered value as Home Assistant compares it with {@code payload_on} and the like: Python's {@code str()}. */
    public static String text(Object rendered) {
        return PyValues.text(rendered);
    }

    @Override
    public String toString() {
        return source;
    }
}
