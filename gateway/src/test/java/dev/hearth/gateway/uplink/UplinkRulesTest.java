package dev.hearth.gateway.uplink;

import dev.hearth.gateway.outbox.TokenBucket;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Topic rewriting and the drain's token bucket, as plain Java. */
class UplinkRulesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void forwardRulesMatchMqttFiltersAndRewriteTheTopic() {
        ForwardRule all = new ForwardRule("zigbee2mqtt/#", "homes/alice/{topic}");
        ForwardRule one = new ForwardRule("homie/+/power", "power/{topic}");
        assertThat(all.rewrite("zigbee2mqtt/hallway_light")).contains("homes/alice/zigbee2mqtt/hallway_light");
        assertThat(all.rewrite("homie/plug/power")).isEmpty();
        assertThat(one.rewrite("homie/plug/power")).contains("power/homie/plug/power");
        assertThat(one.rewrite("homie/plug/energy")).isEmpty();
        assertThat(one.rewrite("homie/plug/power/x")).isEmpty();
        assertThat(new ForwardRule("#", "up/{topic}").rewrite("$SYS/broker/uptime")).isEmpty();
    }

    @Test
    void theBucketAllowsTheBurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(10, 3, T0);
        assertThat(bucket.tryTake(T0)).isTrue();
        assertThat(bucket.tryTake(T0)).isTrue();
        assertThat(bucket.tryTake(T0)).isTrue();
        assertThat(bucket.tryTake(T0)).isFalse();
        assertThat(bucket.untilNext(T0)).isEqualTo(Duration.ofMillis(100));
        assertThat(bucket.tryTake(T0.plusMillis(99))).isFalse();
        assertThat(bucket.tryTake(T0.plusMillis(100))).isTrue();
        // Idle for a minute saves no more than the burst.
        Instant later = T0.plusSeconds(60);
        int taken = 0;
        while (bucket.tryTake(later)) taken++;
        assertThat(taken).isEqualTo(3);
    }
}
