package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up barrier on virtual time: it ends once, for the first of its three reasons. */
class StartupBarrierTest {
    private final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<StartupBarrier.Arming> armed = new ArrayList<>();
    private final StartupBarrier barrier = new StartupBarrier(time, armed::add);

    @Test
    void withoutABrokerTriggersArmAfterFifteenSeconds() {
        barrier.start();
        time.advance(StartupBarrier.ARM_WITHOUT_BROKER.minusMillis(1));
        assertThat(barrier.armedBy()).isEmpty();
        time.advance(Duration.ofMillis(1));
        assertThat(armed).containsExactly(StartupBarrier.Arming.NO_BROKER);
        assertThat(barrier.armedBy()).contains(StartupBarrier.Arming.NO_BROKER);
    }

    @Test
    void onceTheLinkIsUpTheRetainedStatesEndTheWaitAndNothingElseArmsAgain() {
        barrier.start();
        barrier.connected();
        barrier.retainedSettled();
        time.advance(Duration.ofMinutes(1));
        barrier.retainedSettled();
        assertThat(armed).containsExactly(StartupBarrier.Arming.RETAINED_SETTLED);
    }

    @Test
    void aBrokerThatNeverSettlesArmsASecondAfterTheLinkCameUp() {
        barrier.start();
        time.advance(Duration.ofSeconds(10));
        barrier.connected();
        time.advance(StartupBarrier.SETTLE);
        assertThat(armed).containsExactly(StartupBarrier.Arming.SETTLE_TIMEOUT);
        time.advance(StartupBarrier.ARM_WITHOUT_BROKER);
        assertThat(armed).hasSize(1);
    }
}
