package dev.hearth.gateway.web.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Dashboard passwords are stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (PBKDF2 with
 * HMAC-SHA256 from the JDK, base64 salt and hash). {@code hearth hash-password} prints one for gateway.yaml.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    static final String SCHEME = "pbkdf2-sha256";
    static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static PasswordHash of(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    /** Parses the stored form; empty when it is not one this gateway writes. */
    public static Optional<PasswordHash> parse(String text) {
        String[] parts = text.strip().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) return Optional.empty();
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1_000) return Optional.empty();
            Base64.Decoder b64 = Base64.getDecoder();
            return Optional.of(new PasswordHash(iterations, b64.decode(parts[2]), b64.decode(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Constant-time comparison of the derived key. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
