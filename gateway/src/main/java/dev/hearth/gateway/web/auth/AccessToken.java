package dev.hearth.gateway.web.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The gateway's access token: created at first start in {@code <data_dir>/web-token} (readable by
 * its owner only) and printed once. It signs in to the dashboard and authorizes API clients
 * ({@code Authorization: Bearer <token>}), e.g. a Prometheus scraper.
 */
public record AccessToken(String value, boolean created, Path file) {
    public static final String FILE_NAME = "web-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static AccessToken loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String value = Files.readString(file).strip();
                if (value.length() >= 20) return new AccessToken(value, false, file);
            }
            String value = random();
            Files.writeString(file, value + "\n");
            restrict(file);
            return new AccessToken(value, true, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the access token " + file, e);
        }
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
