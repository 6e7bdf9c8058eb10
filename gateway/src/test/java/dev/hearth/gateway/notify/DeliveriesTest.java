package dev.hearth.gateway.notify;

import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.time.VirtualScheduler;
import dev.hearth.gateway.yaml.Secret;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery against a real HTTP server with Vert.x's web client; time is virtual (advanced on the delivering event
 * loop), so retries and expiry take no real waiting.
 */
class DeliveriesTest {
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("me@example.org", "me", "s3cret"));

    private final Vertx vertx = Vertx.vertx();
    private final Context loop = vertx.getOrCreateContext();
    private final VirtualScheduler time = new VirtualScheduler(START, ZoneOffset.UTC);
    private final List<AutomationRun> traces = new CopyOnWriteArrayList<>();
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final TestHttpServer server = new TestHttpServer(vertx);
    private Senders senders;
    private Deliveries deliveries;

    @AfterEach
    void stop() {
        server.close();
        if (senders != null) on(() -> {
            senders.close();
            return null;
        });
        vertx.close().await();
    }

    private void deliveriesTo(NotifyService... services) {
        Map<String, NotifyService> byName = new java.util.LinkedHashMap<>();
        for (NotifyService s : services) byName.put(s.name(), s);
        NotifySettings settings = NotifySettings.NONE.withServices(byName);
        deliveries = on(() -> {
            senders = new Senders(vertx, settings);
            return new Deliveries(settings, time, r -> senders.send(r).toCompletionStage(), recordingJournal(), traces::add, 0);
        });
    }

    private Deliveries.Journal recordingJournal() {
        return new Deliveries.Journal() {
            @Override
            public void queued(Pending p) {
                journal.add("queued " + p.id);
            }

            @Override
            public void attempted(Pending p) {
                journal.add("attempted " + p.id + " " + p.attempts());
            }

            @Override
            public void ended(long id) {
                journal.add("ended " + id);
            }
        };
    }

    private NotifyService.Webhook hook(Duration ttl) {
        return new NotifyService.Webhook("hook", URI.create(server.url("/api/webhook/abc")), "POST", Map.of(), Optional.empty(), ttl);
    }

    private static Dispatch washer() {
        return new Dispatch("washer_done", START, new Dispatch.Notification("hook", Optional.of("Washer"), "Done after 5m"));
    }

    @Test
    void aWebhookReceivesTheNotificationAsJson() {
        // given
        server.start();
        deliveriesTo(hook(Duration.ofHours(1)));
        // when
        on(() -> {
            deliveries.accept(washer());
            return null;
        });
        // then
        await().until(() -> traces.size() == 1);
        assertThat(server.received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.uri()).isEqualTo("/api/webhook/abc");
            assertThat(r.headers()).containsEntry("content-type", "application/json");
            assertThat(new JsonObject(r.body()).getMap()).containsExactlyInAnyOrderEntriesOf(Map.of("title", "Washer", "message", "Done after 5m"));
        });
        AutomationRun trace = traces.get(0);
        assertThat(trace.automation()).isEqualTo("washer_done");
        assertThat(trace.outcome()).isEqualTo(AutomationRun.Outcome.RAN);
        assertThat(trace.trigger()).isEqualTo("delivery: notify hook");
        assertThat(trace.steps()).extracting(AutomationRun.Step::outcome).containsExactly("ok");
        assertThat(journal).containsExactly("queued 1", "ended 1");
    }

    @Test
    void withTheServerDownTheNotificationIsRetriedAndDeliveredWhenItReturns() {
        // given: the server has a port, then goes away
        server.start();
        server.stop();
        deliveriesTo(hook(Duration.ofHours(1)));
        on(() -> {
            deliveries.accept(washer());
            return null;
        });
        await().until(() -> journal.contains("attempted 1 1"));
        advanceAndSettle(Duration.ofSeconds(5));
        await().until(() -> journal.contains("attempted 1 2"));
        // when: it is back before the next attempt (10 s after the second)
        server.start();
        advanceAndSettle(Duration.ofSeconds(10));
        // then
        await().until(() -> traces.size() == 1);
        assertThat(server.received).hasSize(1);
        AutomationRun trace = traces.get(0);
        assertThat(trace.outcome()).isEqualTo(AutomationRun.Outcome.RAN);
        assertThat(trace.steps()).extracting(AutomationRun.Step::at)
                .containsExactly(START, START.plusSeconds(5), START.plusSeconds(15));
        assertThat(trace.steps()).extracting(AutomationRun.Step::outcome)
                .satisfiesExactly(o -> assertThat(o).startsWith("failed: "), o -> assertThat(o).startsWith("failed: "), o -> assertThat(o).isEqualTo("ok"));
        assertThat(journal).endsWith("ended 1");
    }

    @Test
    void aNotificationNeverDeliveredExpiresAfterItsTimeToLiveWithATrace() {
        // given
        server.start();
        server.stop();
        deliveriesTo(hook(Duration.ofMinutes(1)));
        on(() -> {
            deliveries.accept(washer());
            return null;
        });
        await().until(() -> journal.contains("attempted 1 1"));
        // when: 5 s, 10 s, 20 s, then the rest of the minute
        for (Duration pause : List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(25))) {
            int before = journal.size();
            advanceAndSettle(pause);
            await().until(() -> journal.size() > before);
        }
        // then
        await().until(() -> traces.size() == 1);
        AutomationRun trace = traces.get(0);
        assertThat(trace.outcome()).isEqualTo(AutomationRun.Outcome.FAILED);
        assertThat(trace.details()).contains("expired: not delivered within 1m (4 attempts)");
        assertThat(trace.steps()).hasSize(4).allSatisfy(s -> assertThat(s.outcome()).startsWith("failed: "));
        assertThat(trace.finished()).isEqualTo(START.plusSeconds(60));
        assertThat(server.received).isEmpty();
        assertThat(on(deliveries::waiting)).isZero();
    }

    @Test
    void aRefusalIsNotRetried() {
        // given
        server.start();
        server.answer(403);
        deliveriesTo(hook(Duration.ofHours(1)));
        // when
        on(() -> {
            deliveries.accept(washer());
            return null;
        });
        // then
        await().until(() -> traces.size() == 1);
        assertThat(traces.get(0).outcome()).isEqualTo(AutomationRun.Outcome.FAILED);
        assertThat(traces.get(0).details()).contains("refused, not retried");
        assertThat(traces.get(0).steps()).extracting(AutomationRun.Step::outcome).containsExactly("failed: HTTP 403 Forbidden");
    }

    @Test
    void ntfyGetsJsonAtItsRootUrlWithTheBearerToken() {
        // given: the request format of https://docs.ntfy.sh/publish/ ("Publish as JSON", "Access tokens")
        server.start();
        deliveriesTo(new NotifyService.Ntfy("phone", URI.create(server.url("")), "my-home", Optional.of(new Secret("tk_secret")),
                Optional.of(4), Duration.ofHours(1)));
        // when
        on(() -> {
            deliveries.accept(new Dispatch("washer_done", START, new Dispatch.Notification("phone", Optional.of("Washer"), "Done")));
            return null;
        });
        // then
        await().until(() -> traces.size() == 1);
        assertThat(server.received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.uri()).isEqualTo("/");
            assertThat(r.headers()).containsEntry("authorization", "Bearer tk_secret");
            assertThat(new JsonObject(r.body()).getMap()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("topic", "my-home", "title", "Washer", "message", "Done", "priority", 4));
        });
    }

    @Test
    void anHttpCallIsSentAsWritten() {
        // given
        server.start();
        deliveriesTo();
        // when
        on(() -> {
            deliveries.accept(new Dispatch("porch", START, new Dispatch.HttpCall("PUT", server.url("/lights/porch?x=1"),
                    Map.of("X-Api-Key", "k1", "Content-Type", "text/plain"), Optional.of("on"), Duration.ofMinutes(5))));
            return null;
        });
        // then
        await().until(() -> traces.size() == 1);
        assertThat(server.received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.uri()).isEqualTo("/lights/porch?x=1");
            assertThat(r.headers()).containsEntry("x-api-key", "k1").containsEntry("content-type", "text/plain");
            assertThat(r.body()).isEqualTo("on");
        });
        assertThat(traces.get(0).trigger()).isEqualTo("delivery: http PUT " + server.url("/lights/porch?x=1"));
    }

    @Test
    void mailGoesOutOverSmtpWithTheAccountsLogin() throws Exception {
        // given: a real SMTP server (GreenMail) that requires the login
        deliveriesTo(new NotifyService.Smtp("mail", "127.0.0.1", MAIL.getSmtp().getPort(), false, false, Optional.of("me"),
                Optional.of(new Secret("s3cret")), "hearth@example.org", List.of("me@example.org"), Duration.ofHours(1)));
        // when
        on(() -> {
            deliveries.accept(new Dispatch("washer_done", START, new Dispatch.Notification("mail", Optional.of("Washer"), "Done after 5m")));
            return null;
        });
        // then
        await().until(() -> traces.size() == 1);
        assertThat(traces.get(0).outcome()).as(traces.get(0).toString()).isEqualTo(AutomationRun.Outcome.RAN);
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Washer");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("hearth@example.org");
        assertThat(GreenMailUtil.getBody(received[0]).strip()).isEqualTo("Done after 5m");
    }

    @Test
    void aWrongMailPasswordIsAPermanentRefusalNotRetried() {
        // given
        deliveriesTo(new NotifyService.Smtp("mail", "127.0.0.1", MAIL.getSmtp().getPort(), false, false, Optional.of("me"),
                Optional.of(new Secret("wrong")), "hearth@example.org", List.of("me@example.org"), Duration.ofHours(1)));
        // when
        on(() -> {
            deliveries.accept(new Dispatch("washer_done", START, new Dispatch.Notification("mail", Optional.empty(), "Done")));
            return null;
        });
        // then: the server's 5xx answer ends it at once, with the reply in the trace
        await().until(() -> traces.size() == 1);
        assertThat(traces.get(0).outcome()).isEqualTo(AutomationRun.Outcome.FAILED);
        assertThat(traces.get(0).details()).contains("refused, not retried");
        assertThat(traces.get(0).steps()).singleElement().satisfies(s -> assertThat(s.outcome()).startsWith("failed: SMTP 535"));
        assertThat(journal).containsExactly("queued 1", "ended 1");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    /** Advances virtual time on the delivering loop, where every timer and callback of the deliveries runs. */
    private void advanceAndSettle(Duration d) {
        on(() -> {
            time.advance(d);
            return null;
        });
    }

    private <T> T on(Supplier<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.join();
    }

}
