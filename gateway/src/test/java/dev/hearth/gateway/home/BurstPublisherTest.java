package dev.hearth.gateway.home;

import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.bus.LocalCodec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.device.Value;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * State changes reach subscribers in the order they were made, one message per burst: what the home does in one
 * go leaves together right after it, a lone change leaves at once, and no message carries more than the cap.
 */
class BurstPublisherTest {
    private static final DeviceId SENSOR = new DeviceId("sensor");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final Vertx vertx = Vertx.vertx();
    private final List<StateChanges> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void aBurstLeavesAsOneMessageInOrderAndALoneChangeLeavesByItself() {
        BurstPublisher<StateChanged> publisher = publisher();
        Context core = vertx.getOrCreateContext();

        core.runOnContext(v -> IntStream.range(0, 3).forEach(i -> publisher.add(change(i))));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        core.runOnContext(v -> publisher.add(change(3)));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);

        assertThat(received.get(0).changes()).containsExactly(change(0), change(1), change(2));
        assertThat(received.get(1).changes()).containsExactly(change(3));
    }

    @Test
    void aFloodWithinOneTaskIsCutIntoMessagesOfAtMostTheCap() {
        BurstPublisher<StateChanged> publisher = publisher();
        int flood = BurstPublisher.MAX_BATCH * 2 + 10;

        vertx.getOrCreateContext().runOnContext(v -> IntStream.range(0, flood).forEach(i -> publisher.add(change(i))));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.stream().mapToInt(b -> b.changes().size()).sum() == flood);

        assertThat(received).extracting(b -> b.changes().size())
                .containsExactly(BurstPublisher.MAX_BATCH, BurstPublisher.MAX_BATCH, 10);
        assertThat(received.stream().flatMap(b -> b.changes().stream()).toList())
                .isEqualTo(IntStream.range(0, flood).mapToObj(BurstPublisherTest::change).toList());
    }

    private BurstPublisher<StateChanged> publisher() {
        LocalCodec.install(vertx.eventBus());
        vertx.eventBus().<StateChanges>consumer(Addresses.DEVICE_STATE_CHANGED, m -> received.add(m.body())).completion().await();
        return new BurstPublisher<>(vertx.eventBus(), vertx.getOrCreateContext(), Addresses.DEVICE_STATE_CHANGED, StateChanges::new);
    }

    private static StateChanged change(int i) {
        return new StateChanged(SENSOR, "temperature", Optional.empty(), Value.of(20 + i), T0.plusMillis(i));
    }
}
