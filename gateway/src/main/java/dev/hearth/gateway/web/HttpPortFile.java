package dev.hearth.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;

/**
 * {@code <data_dir>/http-port}: the port the dashboard and API listen on, written once they do, so that the command
 * line finds a gateway configured with {@code http.port: 0} (a port the system picked).
 */
public final class HttpPortFile {
    public static final String FILE_NAME = "http-port";

    private HttpPortFile() {
    }

    /** Written whole (a temporary file moved into place): a reader never sees half a number. */
    public static void write(Path dataDir, int port) throws IOException {
        Path temporary = dataDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(temporary, port + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The port the gateway last listened on; empty if it never wrote one or the file is not a port. */
    public static OptionalInt read(Path dataDir) {
        try {
            int port = Integer.parseInt(Files.readString(dataDir.resolve(FILE_NAME), StandardCharsets.US_ASCII).strip());
            return port > 0 && port < 65_536 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
