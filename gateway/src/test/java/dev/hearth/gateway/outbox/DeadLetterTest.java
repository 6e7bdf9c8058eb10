package dev.hearth.gateway.outbox;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.sim.broker.MosquittoBroker;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that refuses one topic (Mosquitto ACL: PUBACK "not authorized") turns those messages into
 * dead letters after a few attempts, while the queue behind them keeps flowing; a retry re-queues them.
 */
class DeadLetterTest {
    private static final String DEVICES = """
            devices:
              - id: allowed_light
                kind: light
                state_topic: z/allowed
              - id: forbidden_light
                kind: light
                state_topic: forbidden/light
            """;

    @TempDir
    Path dir;

    @Test
    void refusedMessagesBecomeDeadLettersWithoutBlockingTheRestAndCanBeRetried() throws IOException {
        Path acl = dir.resolve("acl");
        allow(acl, "z/#", "hearth/#");
        try (MosquittoBroker broker = MosquittoBroker.builder().configLine("acl_file " + acl).start();
             TestHome home = TestHome.start(dir.resolve("home"), TestHome.externalBroker(broker.url(), "30s"), DEVICES,
                     "automations: []\n", broker.url()).awaitConnected()) {
            EventBus bus = home.gateway().vertx().eventBus();
            Set<String> received = ConcurrentHashMap.newKeySet();
            home.connectedClient("observer").subscribe("#", (t, p) -> received.add(t + " " + new String(p, StandardCharsets.UTF_8)));
            await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);

            Future<Object> refused = command(bus, "forbidden_light", 7);
            Future<Object> after = command(bus, "allowed_light", 8);

            after.await();
            await().atMost(Duration.ofSeconds(10)).until(refused::isComplete);
            Throwable why = refused.cause();
            assertThat(why).isInstanceOf(ReplyException.class).hasMessageContaining("dead letter").hasMessageContaining("135");
            // The observer's copy travels on its own connection: the gateway's PUBACK may come first.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received).contains("z/allowed/set {\"brightness\":8}"));
            List<DeadLetter> dead = deadLetters(bus, new DeadLetter.ListAll());
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.topic()).isEqualTo("forbidden/light/set");
                assertThat(d.attempts()).isEqualTo(3);
                assertThat(d.kind()).isEqualTo("command");
            });
            assertThat(OutboxOutageTest.status(bus).deadLetters()).isEqualTo(1);

            allow(acl, "#");
            broker.restart();
            home.awaitConnected();
            await().atMost(Duration.ofSeconds(10)).until(() -> home.gateway().bridge().ready());
            assertThat(deadLetters(bus, new DeadLetter.Retry(List.of(dead.get(0).id())))).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> OutboxOutageTest.status(bus).queued() == 0);
            assertThat(OutboxOutageTest.status(bus).deadLetters()).isZero();
        }
    }

    /** Mosquitto started as root drops to its own user: the file and its directory must be readable to it. */
    private static void allow(Path acl, String... patterns) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String p : patterns) s.append("topic readwrite ").append(p).append('\n');
        Files.writeString(acl, s.toString());
        Files.setPosixFilePermissions(acl, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(acl.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Future<Object> command(EventBus bus, String device, int brightness) {
        return bus.request(Addresses.DEVICE_COMMAND, new dev.hearth.gateway.commands.CommandRequested(
                new dev.hearth.gateway.device.DeviceId(device), java.util.Map.of("brightness", dev.hearth.gateway.device.Value.of(brightness)),
                "test")).map(m -> null);
    }

    private static List<DeadLetter> deadLetters(EventBus bus, DeadLetter.Request request) {
        return bus.<DeadLetter.Listing>request(Addresses.OUTBOX_DEAD_LETTERS, request).await().body().deadLetters();
    }
}
