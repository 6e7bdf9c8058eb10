package dev.hearth.gateway.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads secrets written as {@code <name>_env} (an environment variable's name) or {@code <name>_file} (a file holding
 * only the secret): {@code password_env}, {@code token_file}… An inline secret is refused: secrets do not belong in
 * a file that is shared, backed up and pasted into bug reports.
 */
public final class SecretReader {
    private final Map<String, String> environment;
    private final Path baseDir;

    public SecretReader(Map<String, String> environment, Path baseDir) {
        this.environment = environment;
        this.baseDir = baseDir;
    }

    public Optional<Secret> password(YamlMap map) {
        return secret(map, "password");
    }

    /** The secret called {@code name} ({@code password}, {@code token}): from {@code name_env} or {@code name_file}, if given. */
    public Optional<Secret> secret(YamlMap map, String name) {
        String envKey = name + "_env";
        String fileKey = name + "_file";
        if (map.has(name)) {
            map.problemAtKey(name, "write no " + name + " inline: use " + envKey + " (an environment variable's name) "
                    + "or " + fileKey + " (a file holding only the " + name + ")");
        }
        Optional<String> env = map.text(envKey);
        Optional<String> file = map.text(fileKey);
        if (env.isPresent() && file.isPresent()) {
            map.problemAtKey(fileKey, "give " + envKey + " or " + fileKey + ", not both");
            return Optional.empty();
        }
        if (env.isPresent()) {
            String value = environment.get(env.get());
            if (value == null || value.isEmpty()) {
                map.problemAtKey(envKey, "environment variable " + env.get() + " is not set");
                return Optional.empty();
            }
            return Optional.of(new Secret(value));
        }
        return file.flatMap(f -> readFile(map, name, baseDir.resolve(f)));
    }

    private static Optional<Secret> readFile(YamlMap map, String name, Path path) {
        String fileKey = name + "_file";
        try {
            String value = Files.readString(path).strip();
            if (value.isEmpty()) {
                map.problemAtKey(fileKey, name + " file " + path + " is empty");
                return Optional.empty();
            }
            return Optional.of(new Secret(value));
        } catch (IOException e) {
            map.problemAtKey(fileKey, "cannot read " + name + " file " + path + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
