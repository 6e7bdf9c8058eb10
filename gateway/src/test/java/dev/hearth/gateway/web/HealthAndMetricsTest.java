package dev.hearth.gateway.web;

import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.net.FreePort;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.bus.Addresses;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /health (open to all) tells liveness and readiness; /metrics (for the access token) shows Vert.x, event-loop and feature meters in Prometheus format. */
class HealthAndMetricsTest {
    @TempDir
    static Path dir;
    static TestHome home;
    static WebClient client;

    @BeforeAll
    static void start() {
        int port = FreePort.loopback();
        home = TestHome.start(dir, TestHome.embeddedBroker(port), "tcp://127.0.0.1:" + port).awaitConnected();
        client = TestClients.webClient(home.gateway().vertx());
    }

    @AfterAll
    static void stop() {
        client.close();
        home.close();
    }

    @Test
    void healthSaysReadyWhenTheBrokerIsConnectedAndTheDatabaseWritable() {
        HttpResponse<Buffer> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getBoolean("ready")).isTrue();
        assertThat(r.bodyAsJsonObject().getJsonObject("broker").getBoolean("connected")).isTrue();
        assertThat(r.bodyAsJsonObject().getJsonObject("database").getBoolean("writable")).isTrue();
    }

    /**
     * Monitoring scripts often use clients that ask to upgrade to cleartext HTTP/2 (Java's HttpClient, curl --http2):
     * answered over HTTP/1.1 (vertx-micrometer-metrics 5.0.7 throws on a reset h2c stream, and browsers use HTTP/2
     * only over TLS).
     */
    @Test
    void aClientAskingForCleartextHttp2IsAnsweredOverHttp11() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
        java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + home.gateway().httpPort() + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
    }

    @Test
    void metricsAreInPrometheusFormatWithVertxAndFeatureMeters() {
        Counter.builder("hearth.test.things").register(home.gateway().meters().registry()).increment(3);
        get("/health");
        HttpResponse<Buffer> r = client.get(home.gateway().httpPort(), "127.0.0.1", "/metrics")
                .bearerTokenAuthentication(home.gateway().accessToken().value()).send().await();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).startsWith("text/plain");
        assertThat(r.bodyAsString())
                .contains("hearth_test_things_total{gateway=")
                .contains("vertx_http_server_requests_total")
                .contains("hearth_eventloop_lag_seconds")
                .containsPattern("hearth_mqtt_connected\\{gateway=\"test\\d+\"} 1\\.0")
                .contains("hearth_history_recorded_total")
                .contains("hearth_web_stream_clients");
    }

    /**
     * Issue 17, item 7: latencies are histograms with buckets (a p99 in PromQL), names carry base units in seconds
     * and bytes, and rates are left to PromQL (the outbox counts deliveries instead of reporting a rate).
     */
    @Test
    void latenciesHaveBucketsAndNamesCarryBaseUnits() {
        get("/health");
        String scrape = home.gateway().meters().scrape();
        assertThat(scrape)
                .containsPattern("hearth_eventloop_lag_seconds_bucket\\{[^}]*le=\"0\\.001\"")
                .containsPattern("hearth_automation_evaluation_seconds_bucket\\{[^}]*le=\"\\+Inf\"")
                .containsPattern("hearth_commands_confirmation_seconds_bucket\\{[^}]*le=\"10\\.0\"")
                .containsPattern("vertx_http_server_response_time_seconds_bucket\\{[^}]*le=\"0\\.25\"")
                .contains("process_cpu_seconds_total{")
                .contains("netty_allocator_memory_used_bytes{")
                .contains("netty_allocator_pooled_chunk_size_bytes{")
                .contains("hearth_outbox_delivered_total{")
                .doesNotContain("process_cpu_time_ns_total")
                .doesNotContain("netty_allocator_memory_used{")
                .doesNotContain("hearth_outbox_drain_rate")
                .as("no meter looked up per bus message").doesNotContain("vertx_eventbus_");
    }

    /** Issue 14, item 18: they were counted, but only in memory. */
    @Test
    void rejectedPayloadsAreCountedByReason() {
        home.connectedClient("metrics-test").publish("zigbee2mqtt/living_temperature", "{not json", 1, false);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(home.gateway().meters().scrape())
                .containsPattern("hearth_device_rejected_payloads_total\\{gateway=\"test\\d+\",reason=\"bad_json\"} 1\\.0")
                .containsPattern("hearth_device_rejected_payloads_total\\{gateway=\"test\\d+\",reason=\"oversize\"} 0\\.0"));
    }

    @Test
    void automationRunsAreCountedByOutcome() {
        home.gateway().vertx().eventBus().request(Addresses.AUTOMATION_CONTROL, new AutomationQuery.TriggerNow("hallway_off")).await();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(home.gateway().meters().scrape())
                .containsPattern("hearth_automation_runs_total\\{automation=\"hallway_off\",gateway=\"test\\d+\",outcome=\"ran\"} 1\\.0"));
    }

    static HttpResponse<Buffer> get(String path) {
        return client.get(home.gateway().httpPort(), "127.0.0.1", path).send().await();
    }
}
