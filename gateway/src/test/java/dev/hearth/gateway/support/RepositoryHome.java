package dev.hearth.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's own config/, automations/ (with its blueprints/) and scenarios/, copied into a test directory with the
 * embedded broker moved to a free port and the web server to an ephemeral one, so tests run the
 * shipped examples as a user would, without clashing with each other.
 */
public final class RepositoryHome {
    private RepositoryHome() {
    }

    /** The repository root (tests run in a module directory: gateway/, distribution/). */
    public static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** The shipped scenarios, in name order. */
    public static List<Path> scenarios() {
        try (Stream<Path> files = Files.list(root().resolve("scenarios"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the configuration into {@code dir}; returns the configuration directory to pass as {@code -c}. */
    public static Path copy(Path dir, int brokerPort) {
        try {
            Path config = Files.createDirectories(dir.resolve("config"));
            Path automations = Files.createDirectories(dir.resolve("automations"));
            Files.writeString(config.resolve("gateway.yaml"), Files.readString(root().resolve("config/gateway.yaml"))
                    .replace("port: 1883", "port: " + brokerPort)
                    .replace("port: 8080", "port: 0"));
            Files.copy(root().resolve("config/devices.yaml"), config.resolve("devices.yaml"));
            copyFiles(root().resolve("automations"), automations);
            copyFiles(root().resolve("automations/blueprints"), Files.createDirectories(automations.resolve("blueprints")));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of {@code from} (not its folders) into {@code to}. */
    private static void copyFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
