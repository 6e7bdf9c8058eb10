package dev.hearth.gateway.web;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

import java.util.concurrent.TimeUnit;

/** The HTTP server's options from {@link HttpSettings}: limits, and HTTPS when a certificate is configured. */
final class ServerOptions {
    /** Below this, compressing saves less than a packet. */
    static final int COMPRESS_FROM_BYTES = 1024;

    private ServerOptions() {
    }

    static HttpServerOptions of(HttpSettings settings) {
        HttpSettings.Limits limits = settings.limits();
        // No cleartext HTTP/2 upgrade: browsers use HTTP/2 only over TLS, and a reset h2c stream makes the metrics throw.
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) limits.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxInitialLineLength(limits.maxInitialLineBytes())
                // gzip for text when the client asks: the dashboard's files shrink to a third over a phone's link.
                .setCompressionSupported(true).setCompressionContentSizeThreshold(COMPRESS_FROM_BYTES);
        settings.tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.cert().toString()).setKeyPath(tls.key().toString())));
        return options;
    }
}
