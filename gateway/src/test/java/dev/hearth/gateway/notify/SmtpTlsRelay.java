package dev.hearth.gateway.notify;

import dev.hearth.gateway.web.SelfSignedPem;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.parsetools.RecordParser;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GreenMail's SMTP server offers no STARTTLS: this front speaks the part of SMTP before it (greeting, EHLO offering
 * STARTTLS, 530 for anything else, as a submission server that requires TLS does), upgrades the connection with its
 * certificate and then relays the session to GreenMail. In {@link Mode#TLS} it is TLS from the first byte (port 465).
 */
final class SmtpTlsRelay implements AutoCloseable {
    enum Mode { STARTTLS, TLS }

    private final Vertx vertx;
    private final Mode mode;
    private final int upstreamPort;
    private final NetServer server;
    /** Connections that got as far as TLS. */
    final AtomicInteger secured = new AtomicInteger();

    private SmtpTlsRelay(Vertx vertx, Mode mode, SelfSignedPem pem, int upstreamPort) {
        this.vertx = vertx;
        this.mode = mode;
        this.upstreamPort = upstreamPort;
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSsl(mode == Mode.TLS)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem.cert().toString()).setKeyPath(pem.key().toString())));
    }

    static SmtpTlsRelay start(Vertx vertx, Mode mode, SelfSignedPem pem, int upstreamPort) {
        SmtpTlsRelay relay = new SmtpTlsRelay(vertx, mode, pem, upstreamPort);
        relay.server.connectHandler(relay::accepted).listen().await();
        return relay;
    }

    int port() {
        return server.actualPort();
    }

    private void accepted(NetSocket client) {
        if (mode == Mode.TLS) {
            secured.incrementAndGet();
            relay(client, false);
            return;
        }
        client.handler(RecordParser.newDelimited("\r\n", line -> command(client, line.toString())));
        client.write("220 relay ESMTP\r\n");
    }

    private void command(NetSocket client, String line) {
        switch (line.split(" ")[0].toUpperCase(Locale.ROOT)) {
            case "EHLO" -> client.write("250-relay\r\n250 STARTTLS\r\n");
            case "STARTTLS" -> {
                // TLS is set up in the same task as the answer is written: the client's hello may come right after it.
                client.handler(null);
                client.write("220 2.0.0 Ready to start TLS\r\n");
                client.upgradeToSsl().onSuccess(v -> {
                    secured.incrementAndGet();
                    relay(client, true);
                }).onFailure(e -> client.close());
            }
            case "QUIT" -> client.write("221 bye\r\n").onComplete(v -> client.close());
            default -> client.write("530 5.7.0 Must issue a STARTTLS command first\r\n");
        }
    }

    /** Relays to GreenMail; after STARTTLS its greeting is not passed on (the client had ours already). */
    private void relay(NetSocket client, boolean dropGreeting) {
        client.pause();
        vertx.createNetClient().connect(upstreamPort, "127.0.0.1").onFailure(e -> client.close()).onSuccess(server -> {
            Buffer greeting = Buffer.buffer();
            boolean[] greeted = {!dropGreeting};
            server.handler(data -> {
                if (greeted[0]) {
                    client.write(data);
                    return;
                }
                greeting.appendBuffer(data);
                String text = greeting.toString();
                int end = text.indexOf("\r\n");
                if (end < 0) return;
                greeted[0] = true;
                if (end + 2 < text.length()) client.write(text.substring(end + 2));
                client.resume();
            });
            client.handler(server::write);
            client.closeHandler(v -> server.close());
            server.closeHandler(v -> client.close());
            if (greeted[0]) client.resume();
        });
    }

    @Override
    public void close() {
        server.close().await();
    }
}
