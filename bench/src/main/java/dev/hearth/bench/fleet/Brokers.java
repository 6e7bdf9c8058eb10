package dev.hearth.bench.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class Brokers {
    private Brokers() {
    }

    /** Mosquitto started as root drops to its own user: its persistence directory must be writable by anyone. */
    static Path writableDir(Path work) throws IOException {
        Path dir = Files.createDirectories(work.resolve("upstream"));
        for (Path p = dir; p != null && p.startsWith(work.getParent()); p = p.getParent()) {
            p.toFile().setExecutable(true, false);
            p.toFile().setReadable(true, false);
        }
        dir.toFile().setWritable(true, false);
        return dir.toAbsolutePath();
    }
}
