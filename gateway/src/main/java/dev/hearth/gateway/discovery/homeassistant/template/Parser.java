package dev.hearth.gateway.discovery.homeassistant.template;

import dev.hearth.gateway.discovery.homeassistant.template.Lexer.Kind;
import dev.hearth.gateway.discovery.homeassistant.template.Lexer.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Recursive descent over Jinja's expression grammar, in Jinja's precedence order (lowest first). */
final class Parser {
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=");

    private final List<Token> tokens;
    private int at;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Expr parse(String expression) throws UnsupportedTemplateException {
        Parser parser = new Parser(Lexer.tokens(expression));
        Expr e = parser.expression();
        if (parser.peek().kind() != Kind.END) throw new UnsupportedTemplateException("unexpected '" + parser.peek().text() + "'");
        return e;
    }

    private Expr expression() throws UnsupportedTemplateException {
        Expr then = or();
        if (!accept("if")) return then;
        Expr condition = or();
        Expr otherwise = accept("else") ? expression() : new Expr.Literal(Undefined.INSTANCE);
        return new Expr.Conditional(then, condition, otherwise);
    }

    private Expr or() throws UnsupportedTemplateException {
        Expr e = and();
        while (accept("or")) e = new Expr.Binary("or", e, and());
        return e;
    }

    private Expr and() throws UnsupportedTemplateException {
        Expr e = not();
        while (accept("and")) e = new Expr.Binary("and", e, not());
        return e;
    }

    private Expr not() throws UnsupportedTemplateException {
        return accept("not") ? new Expr.Unary("not", not()) : comparison();
    }

    private Expr comparison() throws UnsupportedTemplateException {
        Expr e = concatenation();
        while (peek().kind() == Kind.OPERATOR && COMPARISONS.contains(peek().text())) {
            String op = take().text();
            e = new Expr.Binary(op, e, concatenation());
        }
        return e;
    }

    private Expr concatenation() throws UnsupportedTemplateException {
        Expr e = sum();
        while (accept("~")) e = new Expr.Binary("~", e, sum());
        return e;
    }

    private Expr sum() throws UnsupportedTemplateException {
        Expr e = product();
        while (peek().is("+") || peek().is("-")) {
            String op = take().text();
            e = new Expr.Binary(op, e, product());
        }
        return e;
    }

    private Expr product() throws UnsupportedTemplateException {
        Expr e = unary();
        while (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%")) {
            String op = take().text();
            e = new Expr.Binary(op, e, unary());
        }
        return e;
    }

    private Expr unary() throws UnsupportedTemplateException {
        if (accept("-")) return new Expr.Unary("-", unary());
        if (accept("+")) return unary();
        Expr base = postfix();
        return accept("**") ? new Expr.Binary("**", base, unary()) : base;
    }

    private Expr postfix() throws UnsupportedTemplateException {
        Expr e = primary();
        while (true) {
            if (accept(".")) {
                e = new Expr.Member(e, new Expr.Literal(expect(Kind.NAME).text()));
            } else if (accept("[")) {
                e = new Expr.Member(e, expression());
                expectOperator("]");
            } else if (accept("|")) {
                e = filter(e, expect(Kind.NAME).text());
            } else if (accept("is")) {
                boolean negated = accept("not");
                e = new Expr.Test(e, expect(Kind.NAME).text(), negated);
            } else {
                return e;
            }
        }
    }

    private Expr filter(Expr operand, String name) throws UnsupportedTemplateException {
        if (!Filters.known(name)) throw new UnsupportedTemplateException("filter '" + name + "' is not supported");
        return new Expr.Filter(operand, name, accept("(") ? arguments() : List.of());
    }

    private List<Expr> arguments() throws UnsupportedTemplateException {
        List<Expr> args = new ArrayList<>();
        if (accept(")")) return args;
        do {
            args.add(expression());
        } while (accept(","));
        expectOperator(")");
        return args;
    }

    private Expr primary() throws UnsupportedTemplateException {
        Token t = take();
        switch (t.kind()) {
            case NUMBER:
                return new Expr.Literal(t.text().contains(".") ? (Object) Double.parseDouble(t.text()) : (Object) Long.parseLong(t.text()));
            case STRING:
                return new Expr.Literal(t.text());
            case NAME:
                return name(t.text());
            default:
                if (t.is("(")) {
                    Expr e = expression();
                    expectOperator(")");
                    return e;
                }
                throw new UnsupportedTemplateException(t.kind() == Kind.END ? "expression ends too early" : "unexpected '" + t.text() + "'");
        }
    }

    /** A constant, a variable, or a filter called as a function ({@code float(value)}). */
    private Expr name(String name) throws UnsupportedTemplateException {
        switch (name) {
            case "true", "True": return new Expr.Literal(Boolean.TRUE);
            case "false", "False": return new Expr.Literal(Boolean.FALSE);
            case "none", "None": return new Expr.Literal(PyValues.NONE);
            default:
                if (!accept("(")) return new Expr.Variable(name);
                if (!Filters.known(name)) throw new UnsupportedTemplateException("function '" + name + "' is not supported");
                List<Expr> args = arguments();
                if (args.isEmpty()) throw new UnsupportedTemplateException(name + "() needs an argument");
                return new Expr.Filter(args.get(0), name, args.subList(1, args.size()));
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token take() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) at++;
        return t;
    }

    private boolean accept(String text) {
        if (!peek().is(text)) return false;
        at++;
        return true;
    }

    private Token expect(Kind kind) throws UnsupportedTemplateException {
        if (peek().kind() != kind) throw new UnsupportedTemplateException("expected a " + kind.name().toLowerCase() + " at '" + peek().text() + "'");
        return take();
    }

    private void expectOperator(String op) throws UnsupportedTemplateException {
        if (!accept(op)) throw new UnsupportedTemplateException("expected '" + op + "'");
    }
}
