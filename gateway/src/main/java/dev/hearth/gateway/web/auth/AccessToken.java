package dev.hearth.gateway.web.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The gateway's access token: created at first start in {@code <data_dir>/web-token} (readable by
 * its owner only), shown by {@code hearth token}, and printed at its creation only to an interactive
 * terminal, never to the log, which journald keeps and shippers send elsewhere. It signs in to the
 * dashboard and authorizes API clients ({@code Authorization: Bearer <token>}), e.g. a Prometheus scraper.
 */
public record AccessToken(String value, boolean created, Path file) {
    public static final String FILE_NAME = "web-token";
    private static final Logger log = LoggerFactory.getLogger(AccessToken.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    public static AccessToken loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String value = Files.readString(file).strip();
                if (value.length() >= 20) return new AccessToken(value, false, file);
            }
            return write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the access token " + file, e);
        }
    }

    /** A new token in place of the old one, which stops working when the gateway next starts. */
    public static AccessToken rotate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            return write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the access token " + file, e);
        }
    }

    /** After the start: a token created now goes to the terminal, if there is one; the log says only where it is. */
    public void announce() {
        announce(System.console() == null ? null : System.out);
    }

    void announce(PrintStream terminal) {
        if (!created) return;
        if (terminal != null) {
            terminal.println("Dashboard access token (created now, kept in " + file + "): " + value);
            terminal.flush();
        }
        log.info("Dashboard access token created in {} (readable by its owner only); 'hearth token --data-dir {}' shows it",
                file, file.toAbsolutePath().getParent());
    }

    private static AccessToken write(Path file) throws IOException {
        String value = random();
        // Restricted before the secret goes in: no moment in which another user could read it.
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME, ".new");
        restrict(temp);
        Files.writeString(temp, value + "\n");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new AccessToken(value, true, file);
    }

    /** Constant-time, so that response timing tells nothing about the token. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.strip().getBytes(StandardCharsets.UTF_8));
    }

    static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data directory's own permissions apply
        }
    }

    @Override
    public String toString() {
        return "AccessToken[" + file + "]";
    }
}
