package dev.hearth.gateway;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * TLS for the command line's calls to its own gateway: the server must present one of the certificates of the
 * gateway's {@code http.tls.cert} file, nothing else is trusted (not "trust all", not the system's authorities).
 * The certificate itself is the proof, so the host name (127.0.0.1 for a gateway bound to every address) is not
 * checked against it: a self-signed certificate for "hearth.local" works as well as one for the address.
 */
final class PinnedCertificates extends X509ExtendedTrustManager {
    private final List<X509Certificate> pinned;

    private PinnedCertificates(List<X509Certificate> pinned) {
        this.pinned = pinned;
    }

    /** An SSL context that trusts only the certificates in this PEM file. */
    static SSLContext context(Path pemFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
        if (certificates.isEmpty()) throw new CertificateException("no certificate in " + pemFile);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[]{new PinnedCertificates(certificates)}, null);
        return context;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0 || !pinned.contains(chain[0])) {
            throw new CertificateException("the server's certificate is not the one in the gateway's http.tls.cert");
        }
        chain[0].checkValidity();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
