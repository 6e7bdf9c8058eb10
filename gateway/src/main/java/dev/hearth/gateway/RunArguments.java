package dev.hearth.gateway;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognises the gateway's own start ({@code hearth}, {@code hearth run}, each with or without
 * {@code -c <dir>}, {@code --config <dir>} or {@code --config=<dir>}) without picocli: building
 * picocli's model of every command costs ~0.2 s of CPU at each start, and picocli's classes (Java 5
 * bytecode) are the ones the class archive cannot hold. Anything else, help and typos included,
 * goes to picocli.
 */
record RunArguments(Path config) {
    static final Path DEFAULT_CONFIG = Path.of("config");

    static Optional<RunArguments> of(String... args) {
        int from = args.length > 0 && args[0].equals("run") ? 1 : 0;
        int rest = args.length - from;
        if (rest == 0) return Optional.of(new RunArguments(DEFAULT_CONFIG));
        if (rest == 2 && (args[from].equals("-c") || args[from].equals("--config"))) return directory(args[from + 1]);
        if (rest == 1 && args[from].startsWith("--config=")) return directory(args[from].substring("--config=".length()));
        return Optional.empty();
    }

    /** A value picocli would read the same way: not empty, not an option. */
    private static Optional<RunArguments> directory(String value) {
        if (value.isEmpty() || value.startsWith("-")) return Optional.empty();
        return Optional.of(new RunArguments(Path.of(value)));
    }
}
