package dev.hearth.sim.broker;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Locates the mosquitto executable: PATH first, then the Debian location. */
final class MosquittoBinary {
    private static final Path DEBIAN = Path.of("/usr/sbin/mosquitto");

    private MosquittoBinary() {
    }

    static Path locate() {
        return locate(Optional.ofNullable(System.getenv("PATH")).orElse(""), DEBIAN);
    }

    static Path locate(String path, Path fallback) {
        return find(path, fallback).orElseThrow(() -> new IllegalStateException(
                "mosquitto not found: apt-get install mosquitto"));
    }

    private static Optional<Path> find(String path, Path fallback) {
        return Stream.concat(
                        Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isBlank())
                                .map(dir -> Path.of(dir, "mosquitto")),
                        Stream.of(fallback))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
