package dev.hearth.gateway.automation.model;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;

import java.util.List;
import java.util.Map;

/**
 * CEL's compiler and runtime. Kept apart from {@link ExprScope} so that CEL's classes are loaded on the first
 * expression, not at start-up: most homes write few expressions, many none.
 */
final class CelExpressions {
    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
    private static final CelType ATTRIBUTES = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private CelExpressions() {
    }

    private static CelType type(ExprScope.Kind kind) {
        return switch (kind) {
            case ATTRIBUTES -> ATTRIBUTES;
            case DYNAMIC -> SimpleType.DYN;
            case BOOL -> SimpleType.BOOL;
            case INT -> SimpleType.INT;
            case DOUBLE -> SimpleType.DOUBLE;
            case STRING -> SimpleType.STRING;
        };
    }

    /**
     * Compiles {@code source} with exactly {@code names} declared. A compiler is cheap to build with a few names, while
     * CEL's checker copies every declared name into its environment on each compile: declaring only the names the
     * expression mentions keeps a compile independent of how many devices the home has.
     */
    static ExprScope.Compiled compile(String source, Map<String, ExprScope.Kind> names) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS);
        names.forEach((name, kind) -> builder.addVar(name, type(kind)));
        try {
            CelRuntime.Program program = RUNTIME.createProgram(builder.build().compile(source).getAst());
            return new ExprScope.Compiled(new Expr(source, variables -> program.eval((CelVariableResolver) variables::find)), List.of());
        } catch (CelValidationException e) {
            List<String> errors = e.getErrors().stream().map(err -> err.getMessage()).toList();
            return new ExprScope.Compiled(null, errors.isEmpty() ? List.of(e.getMessage()) : errors);
        } catch (CelEvaluationException | RuntimeException e) {
            return new ExprScope.Compiled(null, List.of(String.valueOf(e.getMessage())));
        }
    }
}
