package dev.hearth.gateway.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code password_env} / {@code password_file}. An inline {@code password} is refused: secrets
 * do not belong in a file that is shared, backed up and pasted into bug reports.
 */
public final class SecretReader {
    private final Map<String, String> environment;
    private final Path baseDir;

    public SecretReader(Map<String, String> environment, Path baseDir) {
        this.environment = environment;
        this.baseDir = baseDir;
    }

    public Optional<Secret> password(YamlMap map) {
        if (map.has("password")) {
            map.problemAtKey("password", "write no password inline: use password_env (an environment variable's name) "
                    + "or password_file (a file holding only the password)");
        }
        Optional<String> env = map.text("password_env");
        Optional<String> file = map.text("password_file");
        if (env.isPresent() && file.isPresent()) {
            map.problemAtKey("password_file", "give password_env or password_file, not both");
            return Optional.empty();
        }
        if (env.isPresent()) {
            String value = environment.get(env.get());
            if (value == null || value.isEmpty()) {
                map.problemAtKey("password_env", "environment variable " + env.get() + " is not set");
                return Optional.empty();
            }
            return Optional.of(new Secret(value));
        }
        return file.flatMap(f -> readFile(map, baseDir.resolve(f)));
    }

    private static Optional<Secret> readFile(YamlMap map, Path path) {
        try {
            String value = Files.readString(path).strip();
            if (value.isEmpty()) {
                map.problemAtKey("password_file", "password file " + path + " is empty");
                return Optional.empty();
            }
            return Optional.of(new Secret(value));
        } catch (IOException e) {
            map.problemAtKey("password_file", "cannot read password file " + path + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
