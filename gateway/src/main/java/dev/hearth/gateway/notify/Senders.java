package dev.hearth.gateway.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.HashMap;
import java.util.Map;

/**
 * One attempt at a dispatch, with Vert.x's web client (ntfy, webhooks, http calls) and mail client (SMTP). A 2xx (or an
 * accepted mail) succeeds; a 4xx other than 408 and 429, or a permanent SMTP reply, is {@link Refused}; anything else
 * (no connection, a timeout, a 5xx) fails for a retry.
 */
final class Senders implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final long REQUEST_TIMEOUT_MS = 30_000;

    private final Map<String, NotifyService> services;
    private final WebClient web;
    private final Map<String, MailClient> mail = new HashMap<>();

    Senders(Vertx vertx, NotifySettings settings) {
        this.services = settings.services();
        this.web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setUserAgent("hearth").setFollowRedirects(false));
        services.values().forEach(s -> {
            if (s instanceof NotifyService.Smtp smtp) mail.put(smtp.name(), MailClient.create(vertx, mailConfig(smtp)));
        });
    }

    Future<Void> send(Dispatch.Request request) {
        if (request instanceof Dispatch.HttpCall call) {
            HttpRequest<Buffer> r = web.requestAbs(HttpMethod.valueOf(call.method()), call.url());
            call.headers().forEach(r::putHeader);
            return checked(call.body().map(b -> r.timeout(REQUEST_TIMEOUT_MS).sendBuffer(Buffer.buffer(b)))
                    .orElseGet(() -> r.timeout(REQUEST_TIMEOUT_MS).send()));
        }
        Dispatch.Notification n = (Dispatch.Notification) request;
        NotifyService service = services.get(n.service());
        if (service instanceof NotifyService.Ntfy ntfy) return ntfy(ntfy, n);
        if (service instanceof NotifyService.Webhook hook) return webhook(hook, n);
        return smtp((NotifyService.Smtp) service, n);
    }

    /** ntfy's JSON publishing: POST to the server's root URL (https://docs.ntfy.sh/publish/#publish-as-json). */
    private Future<Void> ntfy(NotifyService.Ntfy s, Dispatch.Notification n) {
        JsonObject body = new JsonObject().put("topic", s.topic()).put("message", n.message());
        n.title().ifPresent(t -> body.put("title", t));
        s.priority().ifPresent(p -> body.put("priority", p));
        HttpRequest<Buffer> r = web.postAbs(root(s.url().toString())).timeout(REQUEST_TIMEOUT_MS);
        s.token().ifPresent(t -> r.bearerTokenAuthentication(t.value()));
        return checked(r.sendJsonObject(body));
    }

    private Future<Void> webhook(NotifyService.Webhook s, Dispatch.Notification n) {
        JsonObject body = new JsonObject().put("message", n.message());
        n.title().ifPresent(t -> body.put("title", t));
        HttpRequest<Buffer> r = web.requestAbs(HttpMethod.valueOf(s.method()), s.url().toString()).timeout(REQUEST_TIMEOUT_MS);
        s.headers().forEach(r::putHeader);
        s.token().ifPresent(t -> r.bearerTokenAuthentication(t.value()));
        return checked(r.sendJsonObject(body));
    }

    private Future<Void> smtp(NotifyService.Smtp s, Dispatch.Notification n) {
        MailMessage m = new MailMessage().setFrom(s.from()).setTo(s.to()).setSubject(n.title().orElse("Hearth"))
                .setText(n.message());
        return mail.get(s.name()).sendMail(m).<Void>mapEmpty().recover(e -> Future.failedFuture(
                e instanceof SMTPException x && x.isPermanent() ? new Refused("SMTP " + x.getReplyCode() + " " + x.getReplyMessage()) : e));
    }

    private static MailConfig mailConfig(NotifyService.Smtp s) {
        MailConfig c = new MailConfig().setHostname(s.host()).setPort(s.port()).setSsl(s.tls())
                .setStarttls(s.starttls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED);
        c.setConnectTimeout(CONNECT_TIMEOUT_MS);
        // A certificate for another name is refused like an untrusted one: the password goes only to the server named.
        c.setHostnameVerificationAlgorithm("HTTPS");
        s.caFile().ifPresent(ca -> c.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
        s.username().ifPresent(u -> c.setUsername(u).setLogin(LoginOption.REQUIRED));
        s.password().ifPresent(p -> c.setPassword(p.value()));
        if (s.username().isEmpty()) c.setLogin(LoginOption.DISABLED);
        return c;
    }

    private static String root(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static Future<Void> checked(Future<HttpResponse<Buffer>> response) {
        return response.compose(r -> {
            int status = r.statusCode();
            if (status >= 200 && status < 300) return Future.succeededFuture();
            String why = "HTTP " + status + " " + r.statusMessage();
            boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
            return Future.failedFuture(permanent ? new Refused(why) : new IllegalStateException(why));
        });
    }

    @Override
    public void close() {
        web.close();
        mail.values().forEach(MailClient::close);
    }
}
