package dev.hearth.gateway.discovery.homeassistant.template;

import java.util.ArrayList;
import java.util.List;

/** Splits the inside of one {@code {{ … }}} into tokens: names, numbers, quoted strings and operators. */
final class Lexer {
    enum Kind { NAME, NUMBER, STRING, OPERATOR, END }

    record Token(Kind kind, String text) {
        boolean is(String operatorOrName) {
            return (kind == Kind.OPERATOR || kind == Kind.NAME) && text.equals(operatorOrName);
        }
    }

    private static final List<String> OPERATORS = List.of("//", "**", "==", "!=", "<=", ">=",
            "|", ".", "[", "]", "(", ")", ",", "+", "-", "*", "/", "%", "<", ">", "~");

    private final String source;
    private int at;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokens(String expression) throws UnsupportedTemplateException {
        Lexer lexer = new Lexer(expression);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.kind() != Kind.END);
        return tokens;
    }

    private Token next() throws UnsupportedTemplateException {
        while (at < source.length() && Character.isWhitespace(source.charAt(at))) at++;
        if (at == source.length()) return new Token(Kind.END, "");
        char c = source.charAt(at);
        if (Character.isLetter(c) || c == '_') return name();
        if (Character.isDigit(c)) return number();
        if (c == '\'' || c == '"') return string(c);
        for (String op : OPERATORS) {
            if (source.startsWith(op, at)) {
                at += op.length();
                return new Token(Kind.OPERATOR, op);
            }
        }
        throw new UnsupportedTemplateException("unexpected character '" + c + "'");
    }

    private Token name() {
        int start = at;
        while (at < source.length() && (Character.isLetterOrDigit(source.charAt(at)) || source.charAt(at) == '_')) at++;
        return new Token(Kind.NAME, source.substring(start, at));
    }

    private Token number() {
        int start = at;
        while (at < source.length() && Character.isDigit(source.charAt(at))) at++;
        if (at + 1 < source.length() && source.charAt(at) == '.' && Character.isDigit(source.charAt(at + 1))) {
            at++;
            while (at < source.length() && Character.isDigit(source.charAt(at))) at++;
        }
        return new Token(Kind.NUMBER, source.substring(start, at));
    }

    private Token string(char quote) throws UnsupportedTemplateException {
        StringBuilder text = new StringBuilder();
        at++;
        while (at < source.length() && source.charAt(at) != quote) {
            char c = source.charAt(at++);
            if (c == '\\' && at < source.length()) c = source.charAt(at++);
            text.append(c);
        }
        if (at == source.length()) throw new UnsupportedTemplateException("unterminated string");
        at++;
        return new Token(Kind.STRING, text.toString());
    }
}
