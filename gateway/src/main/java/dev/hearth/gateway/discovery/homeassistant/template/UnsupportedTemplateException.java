package dev.hearth.gateway.discovery.homeassistant.template;

/** A template outside the supported subset; only {@link ValueTemplate#compile} lets it escape, as a value. */
final class UnsupportedTemplateException extends Exception {
    UnsupportedTemplateException(String message) {
        super(message, null, false, false);
    }
}
