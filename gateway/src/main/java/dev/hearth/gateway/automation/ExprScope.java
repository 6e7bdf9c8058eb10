package dev.hearth.gateway.automation;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.hearth.gateway.device.DeviceSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names an expression may use: every device (a map of its attributes, e.g. {@code living_temperature.temperature}),
 * {@code trigger} (what fired: kind, device, attribute, from, to, topic, payload) and the automation's variables.
 * An expression naming anything else does not compile; a device attribute that does not exist is reported too.
 */
final class ExprScope {
    static final String TRIGGER = "trigger";
    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
    private static final CelType ATTRIBUTES = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private final Map<String, DeviceSpec> devices;
    private final List<String> variables;
    private final CelCompiler compiler;

    ExprScope(Map<String, DeviceSpec> devices, Collection<String> variables) {
        this.devices = devices;
        this.variables = List.copyOf(variables);
        CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .addVar(TRIGGER, ATTRIBUTES);
        devices.keySet().forEach(d -> b.addVar(d, ATTRIBUTES));
        this.variables.forEach(v -> b.addVar(v, SimpleType.DYN));
        this.compiler = b.build();
    }

    ExprScope withVariables(Collection<String> names) {
        List<String> all = new ArrayList<>(variables);
        names.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return new ExprScope(devices, all);
    }

    /** Compiles {@code source}; on failure returns the problems in words. */
    Compiled compile(String source) {
        List<String> problems = unknownAttributes(source);
        if (!problems.isEmpty()) return new Compiled(null, problems);
        try {
            CelRuntime.Program program = RUNTIME.createProgram(compiler.compile(source).getAst());
            return new Compiled(new Expr(source, program), List.of());
        } catch (CelValidationException e) {
            List<String> errors = e.getErrors().stream().map(err -> err.getMessage()).toList();
            return new Compiled(null, errors.isEmpty() ? List.of(e.getMessage()) : errors);
        } catch (CelEvaluationException | RuntimeException e) {
            return new Compiled(null, List.of(String.valueOf(e.getMessage())));
        }
    }

    record Compiled(Expr expr, List<String> problems) {
    }

    private List<String> unknownAttributes(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\b([a-z0-9_]+)\\.([a-z_][a-z0-9_]*)").matcher(source.replaceAll("\"[^\"]*\"|'[^']*'", "\"\""));
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
