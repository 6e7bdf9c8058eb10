package dev.hearth.gateway.mqtt;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** Paho connection options from settings, with the choices that avoid Paho 1.2.5's known traps. */
final class PahoOptions {
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    /** How many unacknowledged QoS 1 messages the broker may push to us at once. */
    static final int INBOUND_RECEIVE_MAXIMUM = 100;

    private PahoOptions() {
    }

    static MqttConnectionOptions build(MqttSettings s) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        // Paho treats a missing expiry as 0 (session ends at disconnect), so messages sent during an outage are lost (#1048).
        o.setSessionExpiryInterval(s.sessionExpiry().toSeconds());
        o.setKeepAliveInterval((int) Math.max(1, s.keepAlive().toSeconds()));
        o.setConnectionTimeout((int) Math.max(1, s.connectTimeout().toSeconds()));
        // We own reconnection: Paho's never recovers from a failed first connect (#930) and ignores its delay (#864).
        o.setAutomaticReconnect(false);
        o.setReceiveMaximum(INBOUND_RECEIVE_MAXIMUM);
        s.username().ifPresent(o::setUserName);
        s.password().ifPresent(p -> o.setPassword(p.value().getBytes(StandardCharsets.UTF_8)));
        MqttMessage will = new MqttMessage(OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true, null);
        o.setWill(s.statusTopic(), will);
        // Nagle off: otherwise a command can wait ~40 ms for the broker's delayed ACK of the previous packet.
        o.setSocketFactory(socketFactory(s));
        return o;
    }

    private static SocketFactory socketFactory(MqttSettings s) {
        if (s.caFile().isPresent()) return new NoDelaySslSocketFactory(sslContext(s.caFile().get()).getSocketFactory());
        if (s.url().startsWith("ssl://")) return new NoDelaySslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault());
        return new NoDelaySocketFactory();
    }

    private static SSLContext sslContext(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use CA file " + caFile + ": " + e.getMessage(), e);
        }
    }
}
