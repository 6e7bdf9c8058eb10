package dev.hearth.gateway.yaml;

/** One thing wrong in a configuration or automation file, located for a human. Line and column are 1-based. */
public record ConfigProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
