package dev.hearth.gateway.discovery.homeassistant.template;

/**
 * What a missing key, a failed conversion or an {@code if} without {@code else} yields: it propagates through
 * operators, {@code default} replaces it, and a template that renders to it gives no value (the message does not
 * carry this attribute).
 */
final class Undefined {
    static final Undefined INSTANCE = new Undefined();

    private Undefined() {
    }

    @Override
    public String toString() {
        return "undefined";
    }
}
