package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ssl://} with {@code tls.ca_file}: the gateway trusts exactly the configured CA. */
class TlsConnectionTest {

    @Test
    void connectsOverTlsTrustingTheConfiguredCa(@TempDir Path dir) throws Exception {
        Path pki = dir.resolve("pki");
        java.nio.file.Files.createDirectories(pki);
        makeCertificates(pki);
        readableByAll(dir, pki);
        int tlsPort = FreePort.loopback();
        try (MosquittoBroker broker = MosquittoBroker.builder()
                .configLine("listener " + tlsPort + " 127.0.0.1")
                .configLine("cafile " + pki.resolve("ca.pem"))
                .configLine("certfile " + pki.resolve("server.pem"))
                .configLine("keyfile " + pki.resolve("server.key"))
                .start()) {
            String url = "ssl://127.0.0.1:" + tlsPort;
            String gatewayYaml = TestHome.externalBroker(url, "30s") + "  tls:\n    ca_file: pki/ca.pem\n";
            try (TestHome home = TestHome.start(dir, gatewayYaml, broker.url()).awaitConnected()) {
                assertThat(home.gateway().bridge().ready()).isTrue();
                home.assertMotionSwitchesLight();
            }
        }
    }

    private static void makeCertificates(Path pki) throws IOException, InterruptedException {
        run(pki, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Hearth test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        run(pki, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr");
        java.nio.file.Files.writeString(pki.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(pki, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "server.pem");
    }

    /** Mosquitto started as root drops to its own user, which must be able to read the certificates. */
    private static void readableByAll(Path dir, Path pki) throws IOException {
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Files.setPosixFilePermissions(pki, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var files = java.nio.file.Files.list(pki)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out)).isZero();
    }
}
