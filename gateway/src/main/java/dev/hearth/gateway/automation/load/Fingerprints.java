package dev.hearth.gateway.automation.load;

import org.snakeyaml.engine.v2.nodes.Node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Digests of each automation's own text in one file (not its position): unchanged text, unchanged behaviour. The
 * journal keeps them with pending timers, so the digest must stay the same from one version of Hearth to the next.
 * SnakeYAML's marks count code points; the file is indexed once, so a digest costs its automation's length, not the
 * file's.
 */
final class Fingerprints {
    private final String text;
    private final int codePoints;
    /** Char offset of each code point (and of the end), or null when every code point is one char. */
    private final int[] offsets;
    /** One per file: {@code getInstance} looks the algorithm up among the security providers each time. */
    private final MessageDigest sha256;

    Fingerprints(String text) {
        this.text = text;
        this.codePoints = text.codePointCount(0, text.length());
        this.offsets = codePoints == text.length() ? null : offsets(text, codePoints);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static int[] offsets(String text, int codePoints) {
        int[] out = new int[codePoints + 1];
        int at = 0;
        for (int i = 0; i < codePoints; i++) {
            out[i] = at;
            at += Character.charCount(text.codePointAt(at));
        }
        out[codePoints] = text.length();
        return out;
    }

    String of(Node node) {
        int start = node.getStartMark().map(m -> m.getIndex()).orElse(0);
        int end = Math.min(node.getEndMark().map(m -> m.getIndex()).orElse(codePoints), codePoints);
        String own = text.substring(charOffset(start), charOffset(end));
        byte[] digest = sha256.digest(own.strip().getBytes(StandardCharsets.UTF_8)); // digest() also resets it
        return HexFormat.of().formatHex(digest, 0, 12);
    }

    /**
     * The digest of an automation made from two texts: a blueprint's automation and the use site that fills in its
     * inputs. Either changing changes it.
     */
    static String combine(String blueprint, String use) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((blueprint + "+" + use).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private int charOffset(int codePoint) {
        return offsets == null ? codePoint : offsets[codePoint];
    }
}
