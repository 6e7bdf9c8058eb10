package dev.hearth.gateway.automation.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An expression that only names a value is looked up without CEL, and gives what CEL gives. */
class PathExpressionTest {
    private static final Map<String, ExprScope.Kind> NAMES = Map.of(
            "trigger", ExprScope.Kind.ATTRIBUTES,
            "living_temperature", ExprScope.Kind.ATTRIBUTES,
            "hallway_light", ExprScope.Kind.ATTRIBUTES,
            "target", ExprScope.Kind.DYNAMIC,
            "limits", ExprScope.Kind.DYNAMIC);
    private static final Map<String, Object> VALUES = Map.of(
            "trigger", Map.of("kind", "state", "device", "living_temperature", "to", 18.5),
            "living_temperature", Map.of("temperature", 18.5, "battery", 97.0),
            "hallway_light", Map.of("state", "ON", "on", true),
            "target", 21L,
            "limits", Map.of("low", Map.of("night", 16.0)));
    private static final Expr.Variables VARIABLES = name -> Optional.ofNullable(VALUES.get(name));

    @ParameterizedTest
    @ValueSource(strings = {"trigger.kind", "trigger.to", " living_temperature.temperature ", "hallway_light.on", "target",
            "limits.low.night", "trigger.topic", "hallway_light.brightness", "target.value", "limits.high.night"})
    void aPathHasCelsValueOrFailsWhereCelFails(String source) {
        Expr path = PathExpression.of(source, NAMES::containsKey).orElseThrow();
        Expr cel = CelExpressions.compile(source, NAMES).expr();

        Expr.Result ours = path.eval(VARIABLES);
        Expr.Result cels = cel.eval(VARIABLES);

        assertThat(ours.value()).isEqualTo(cels.value());
        assertThat(ours.text()).isEqualTo(cels.text());
        assertThat(ours.asValue()).isEqualTo(cels.asValue());
        assertThat(ours.isTrue()).isEqualTo(cels.isTrue());
        assertThat(ours.error().isEmpty()).isEqualTo(cels.error().isEmpty());
    }

    @Test
    void aFailureSaysWhichKeyIsMissing() {
        Expr path = PathExpression.of("trigger.topic", NAMES::containsKey).orElseThrow();

        assertThat(path.eval(VARIABLES).error()).isEqualTo("key 'topic' is not present in trigger");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "null", "trigger.in", "ghost.state", "target + 1", "trigger.kind == 'state'", "size(trigger)",
            "1.5", "'text'", "0x1f.state"})
    void anythingElseIsLeftToCel(String source) {
        assertThat(PathExpression.of(source, NAMES::containsKey)).isEmpty();
    }

    @Test
    void theScopeCompilesAPathWithoutCelAndKeepsCelsChecks() {
        ExprScope scope = new ExprScope(Map.of(), Set.of("target"));

        assertThat(scope.compile("target").expr().eval(VARIABLES).value()).contains(21L);
        assertThat(scope.compile("ghost").problems()).isNotEmpty();
    }
}
