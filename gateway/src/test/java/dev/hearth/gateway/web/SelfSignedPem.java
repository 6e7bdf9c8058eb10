package dev.hearth.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for localhost, made by the JDK's keytool and written as PEM certificate and key files. */
public record SelfSignedPem(Path cert, Path key) {
    private static final char[] PASSWORD = "changeit".toCharArray();

    public static SelfSignedPem create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        return create(dir, "dns:localhost,ip:127.0.0.1");
    }

    /** With the subject alternative names {@code san} in keytool's form ({@code dns:localhost}). */
    public static SelfSignedPem create(Path dir, String san) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hearth", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=" + san, "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) throw new IOException("keytool failed: " + output);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        SelfSignedPem pem = new SelfSignedPem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        Files.writeString(pem.cert(), pem("CERTIFICATE", ks.getCertificate("hearth").getEncoded()));
        Files.writeString(pem.key(), pem("PRIVATE KEY", ks.getKey("hearth", PASSWORD).getEncoded()));
        return pem;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
