package dev.hearth.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the JVM subjects are launched. When the gateway's jar is an assembled distribution's
 * ({@code lib/hearth.jar}, with the launcher {@code bin/hearth}, which execs java with the options of
 * {@code bin/jvm.options} and {@code JAVA_OPTS}), Hearth runs through the launcher as a user would, and
 * the floor gets the same options from {@code jvm.options}: a bare client tuned like the gateway is the
 * fair floor. Without them, both run as {@code java -Xmx64m}.
 */
record JvmOptions(Optional<Path> launcher, List<String> tuned) {
    /** The heap every JVM subject gets, as on a Pi-class box. */
    static final String MAX_HEAP = "-Xmx64m";

    /** {@code gatewayJar} is {@code <distribution>/lib/hearth.jar}; the launcher is {@code <distribution>/bin/hearth}. */
    static JvmOptions beside(Path gatewayJar) {
        Path dir = gatewayJar.toAbsolutePath().getParent().resolveSibling("bin");
        Path launcher = dir.resolve("hearth");
        Path options = dir.resolve("jvm.options");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(options)) return new JvmOptions(Optional.empty(), List.of());
        return new JvmOptions(Optional.of(launcher), parse(options));
    }

    /** One option a line; {@code #} starts a comment. */
    static List<String> parse(Path file) {
        try {
            return Files.readAllLines(file).stream().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty())
                    .flatMap(l -> java.util.Arrays.stream(l.split("\\s+"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The launcher's environment beside JAVA_OPTS: fewer glibc malloc arenas. The floor gets it too. */
    java.util.Map<String, String> environment() {
        return launcher.isPresent() ? java.util.Map.of("MALLOC_ARENA_MAX", "2") : java.util.Map.of();
    }

    /** The floor's JVM options: the gateway's tuned ones, then the heap limit. */
    List<String> floor() {
        return tuned.contains(MAX_HEAP) ? tuned : java.util.stream.Stream.concat(tuned.stream(), java.util.stream.Stream.of(MAX_HEAP)).toList();
    }

    /** For "Machine and versions". */
    String describe() {
        return launcher.map(l -> "Hearth: `JAVA_OPTS=" + MAX_HEAP + " distribution/target/hearth/bin/hearth run -c <dir>` (the launcher adds bin/jvm.options:"
                        + (tuned.isEmpty() ? " none" : " `" + String.join(" ", tuned) + "`") + ", and exports `MALLOC_ARENA_MAX=2`); floor: `MALLOC_ARENA_MAX=2 java "
                        + String.join(" ", floor()) + "`")
                .orElse("Hearth: `java " + MAX_HEAP + " -jar <jar> run -c <dir>`; floor: `java " + MAX_HEAP
                        + "` (no bin/hearth and bin/jvm.options beside this jar's lib/)");
    }
}
