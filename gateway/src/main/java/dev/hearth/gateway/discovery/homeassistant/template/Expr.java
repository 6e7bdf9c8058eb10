package dev.hearth.gateway.discovery.homeassistant.template;

import java.util.List;

/** A parsed template expression. */
sealed interface Expr {
    /** A number, string, boolean or none written in the template. */
    record Literal(Object value) implements Expr {
    }

    /** A variable: {@code value}, {@code value_json}, or a command's own (such as {@code position}). */
    record Variable(String name) implements Expr {
    }

    /** {@code target.key} or {@code target['key']} or {@code target[0]}. */
    record Member(Expr target, Expr key) implements Expr {
    }

    /** {@code operand | name(arguments)}. */
    record Filter(Expr operand, String name, List<Expr> arguments) implements Expr {
    }

    /** {@code operand is [not] name}. */
    record Test(Expr operand, String name, boolean negated) implements Expr {
    }

    /** Arithmetic, comparison, {@code and}/{@code or}, concatenation ({@code ~}). */
    record Binary(String operator, Expr left, Expr right) implements Expr {
    }

    /** {@code -x} or {@code not x}. */
    record Unary(String operator, Expr operand) implements Expr {
    }

    /** {@code then if condition else otherwise}. */
    record Conditional(Expr then, Expr condition, Expr otherwise) implements Expr {
    }
}
