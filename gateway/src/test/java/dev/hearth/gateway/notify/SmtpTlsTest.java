package dev.hearth.gateway.notify;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.hearth.gateway.web.SelfSignedPem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail over an encrypted connection, as a mail provider's submission port wants it: STARTTLS on 587 and TLS from
 * the first byte on 465, against a server with a private certificate (for the name localhost only) that
 * {@code ca_file} trusts. A certificate not trusted ends the attempt before anything is sent, and a server without
 * STARTTLS never gets the mail in plain text. GreenMail receives; {@link SmtpTlsRelay} is the encrypted front it
 * lacks. Failed before the fix: an SMTP service could not trust a private CA. Found and still open: the certificate's
 * name is not checked with TLS from the first byte (the disabled test).
 */
class SmtpTlsTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    static Path dir;
    static SelfSignedPem localhostOnly;

    private final Vertx vertx = Vertx.vertx();
    /** The server side on loops of its own: its TLS start-up never holds up the client's handshake timer. */
    private final Vertx serverSide = Vertx.vertx();
    private Senders senders;
    private SmtpTlsRelay relay;

    @BeforeAll
    static void certificate() throws Exception {
        localhostOnly = SelfSignedPem.create(dir, "dns:localhost");
    }

    @AfterEach
    void stop() {
        if (senders != null) senders.close();
        if (relay != null) relay.close();
        vertx.close().await();
        serverSide.close().await();
    }

    @Test
    void mailGoesOutThroughStartTlsToAServerWhoseCertificateTheCaFileTrusts() throws Exception {
        // given: a submission server that requires STARTTLS, its certificate trusted through ca_file
        relay = SmtpTlsRelay.start(serverSide, SmtpTlsRelay.Mode.STARTTLS, localhostOnly, MAIL.getSmtp().getPort());
        // when
        Future<Void> sent = send(smtp("localhost", relay.port(), true, false, Optional.of(localhostOnly.cert())));
        // then
        sent.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(relay.secured).hasValue(1);
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Washer");
        assertThat(GreenMailUtil.getBody(received[0]).strip()).isEqualTo("Done after 5m");
    }

    @Test
    void mailGoesOutOverTlsFromTheFirstByte() throws Exception {
        relay = SmtpTlsRelay.start(serverSide, SmtpTlsRelay.Mode.TLS, localhostOnly, MAIL.getSmtp().getPort());
        Future<Void> sent = send(smtp("localhost", relay.port(), false, true, Optional.of(localhostOnly.cert())));
        sent.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(relay.secured).hasValue(1);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void withoutTheCaFileAPrivateCertificateIsNotTrustedAndNothingIsSent() {
        relay = SmtpTlsRelay.start(serverSide, SmtpTlsRelay.Mode.TLS, localhostOnly, MAIL.getSmtp().getPort());
        Future<Void> sent = send(smtp("localhost", relay.port(), false, true, Optional.empty()));
        assertFailedWithoutSending(sent, "Failed to create SSL connection");
    }

    @Test
    @Disabled("OPEN (security): with tls: true Vert.x mail 5.0.7 accepts a trusted certificate for another name, even with "
            + "the HTTPS hostname verification set in Senders; this test fails until the name is checked (issue 16 leftover 5)")
    void aCertificateForAnotherNameIsRefusedThoughItsCaIsTrusted() {
        // given: the certificate names localhost only; the service names the server 127.0.0.1
        relay = SmtpTlsRelay.start(serverSide, SmtpTlsRelay.Mode.TLS, localhostOnly, MAIL.getSmtp().getPort());
        Future<Void> sent = send(smtp("127.0.0.1", relay.port(), false, true, Optional.of(localhostOnly.cert())));
        assertFailedWithoutSending(sent, "Failed to create SSL connection");
    }

    @Test
    void aServerWithoutStartTlsNeverGetsTheMailInPlainText() {
        // given: GreenMail itself offers no STARTTLS
        Future<Void> sent = send(smtp("localhost", MAIL.getSmtp().getPort(), true, false, Optional.of(localhostOnly.cert())));
        assertFailedWithoutSending(sent, "STARTTLS required but not supported by server");
    }

    /** Refused in the handshake (not by a timeout, which would pass whatever the check): nothing reaches GreenMail. */
    private void assertFailedWithoutSending(Future<Void> sent, String why) {
        assertThat(sent.toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(30));
        assertThat(sent.cause()).isNotInstanceOf(Refused.class).hasMessageContaining(why);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    private Future<Void> send(NotifyService.Smtp service) {
        senders = new Senders(vertx, NotifySettings.NONE.withServices(Map.of(service.name(), service)));
        return senders.send(new Dispatch.Notification("mail", Optional.of("Washer"), "Done after 5m"));
    }

    private static NotifyService.Smtp smtp(String host, int port, boolean starttls, boolean tls, Optional<Path> ca) {
        return new NotifyService.Smtp("mail", host, port, starttls, tls, Optional.empty(), Optional.empty(), "hearth@example.org",
                List.of("me@example.org"), Duration.ofHours(1), ca);
    }
}
