package dev.hearth.gateway.uplink;

import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.Delivery;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.Transport;
import dev.hearth.gateway.mqtt.MqttSettings;
import dev.hearth.gateway.outbox.OutboxStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health summary goes up after a connection and when it changed, never more than once per interval, whatever
 * happens meanwhile (time is a hand-moved clock; the bus answers as the home and the outbox would).
 */
class HealthReporterTest {
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private final List<Publication> sent = new CopyOnWriteArrayList<>();
    private final MovableClock clock = new MovableClock();
    private Vertx vertx;
    private HealthReporter reporter;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        LocalCodec.install(vertx.eventBus());
        vertx.eventBus().<OutboxStatus.Query>consumer(Addresses.OUTBOX_STATUS, m -> m.reply(
                new OutboxStatus(true, 7, 700, 0, 0, 0, 0, 0, 7, 0, 7, 0, 7, 0)));
        vertx.eventBus().<AutomationQuery.ListAll>consumer(Addresses.AUTOMATION_LIST, m -> m.reply(new AutomationQuery.Listing(List.of())));
        Transport link = new Transport() {
            @Override
            public Future<Delivery> send(Publication p, Optional<Instant> expiresAt) {
                sent.add(p);
                return Future.succeededFuture(new Delivery.Acknowledged());
            }

            @Override
            public boolean ready() {
                return true;
            }
        };
        MqttSettings mqtt = new MqttSettings(false, "tcp://cloud:1883", "c", Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60), "fleet/alice");
        UplinkSettings settings = new UplinkSettings(mqtt, List.of(), 50, 200, "alice", INTERVAL, Optional.empty());
        reporter = new HealthReporter(vertx.eventBus(), new DeviceRegistry(List.of(), 4096), () -> 3, link, settings, "1.2.3", clock);
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void theSummaryGoesUpOnConnectingAndThenAtMostOncePerIntervalWhenItChanged() {
        reporter.linkChanged(new ConnectionChanged(true, "tcp://cloud:1883", "connected", clock.instant()));
        await().until(() -> sent.size() == 1);
        JsonObject first = json(0);
        assertThat(sent.get(0).topic()).isEqualTo("fleet/alice/health");
        assertThat(sent.get(0).retained()).isTrue();
        assertThat(first.getString("version")).isEqualTo("1.2.3");
        assertThat(first.getJsonObject("outbox").getLong("local")).isEqualTo(7);
        assertThat(first.getJsonObject("outbox").getLong("uplink")).isEqualTo(3);
        assertThat(first.getValue("last_error")).isNull();

        reporter.problem("local broker: connection refused");
        clock.advance(Duration.ofSeconds(30));
        reporter.tick();
        clock.advance(Duration.ofSeconds(29));
        reporter.tick();
        await().during(Duration.ofMillis(200)).until(() -> sent.size() == 1);

        clock.advance(Duration.ofSeconds(1));
        reporter.tick();
        await().until(() -> sent.size() == 2);
        assertThat(json(1).getJsonObject("last_error").getString("message")).isEqualTo("local broker: connection refused");
        assertThat(json(1).getJsonObject("link").getLong("uptime_s")).isEqualTo(60);

        clock.advance(INTERVAL.multipliedBy(3));
        reporter.tick();
        await().during(Duration.ofMillis(200)).until(() -> sent.size() == 2);
    }

    @Test
    void aReconnectWithinTheIntervalWaitsForItThenSendsTheUnchangedSummaryAgain() {
        reporter.linkChanged(new ConnectionChanged(true, "tcp://cloud:1883", "connected", clock.instant()));
        await().until(() -> sent.size() == 1);
        clock.advance(Duration.ofSeconds(10));
        reporter.linkChanged(new ConnectionChanged(false, "tcp://cloud:1883", "connection lost", clock.instant()));
        reporter.linkChanged(new ConnectionChanged(true, "tcp://cloud:1883", "connected", clock.instant()));
        await().during(Duration.ofMillis(200)).until(() -> sent.size() == 1);

        clock.advance(INTERVAL);
        reporter.tick();
        await().until(() -> sent.size() == 2);
        assertThat(json(1).getJsonObject("last_error").getString("message")).isEqualTo("uplink: connection lost");
    }

    private JsonObject json(int i) {
        return new JsonObject(new String(sent.get(i).payload(), StandardCharsets.UTF_8));
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-07T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
