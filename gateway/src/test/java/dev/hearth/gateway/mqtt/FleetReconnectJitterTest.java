package dev.hearth.gateway.mqtt;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty gateways lose the fleet's broker at the same instant; it is back 60 s later. With the uplink's full jitter,
 * their reconnects spread over the backoff's cap instead of arriving within the same second (virtual time: each
 * gateway's schedule is played attempt by attempt).
 */
class FleetReconnectJitterTest {
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofSeconds(60);

    @Test
    void twentyGatewaysLosingTheBrokerAtOnceDoNotReconnectInTheSameSecond() {
        List<Long> reconnects = reconnectTimes(true);

        Map<Long, Integer> perSecond = perSecond(reconnects);
        assertThat(perSecond.values()).as("reconnects per second after the broker's return: %s", perSecond).allMatch(n -> n <= 3);
        assertThat(reconnects.get(reconnects.size() - 1) - reconnects.get(0)).as("spread, ms").isGreaterThan(10_000);
        assertThat(reconnects.get(reconnects.size() - 1) - OUTAGE.toMillis()).as("the last one back, ms after the return")
                .isLessThanOrEqualTo(CAP.toMillis());
    }

    @Test
    void theHomeLinkRetryingARefusedConnectionAtAFixedIntervalWouldStormTheBroker() {
        Map<Long, Integer> perSecond = perSecond(reconnectTimes(false));
        assertThat(perSecond.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThan(10);
    }

    /** When each of 20 gateways connects again, ms after the link was lost (sorted). */
    private static List<Long> reconnectTimes(boolean fullJitter) {
        Random random = new Random(20);
        List<Long> times = new ArrayList<>();
        for (int gateway = 0; gateway < 20; gateway++) {
            ReconnectPolicy policy = new ReconnectPolicy(MIN, CAP, fullJitter, random::nextDouble);
            long now = policy.afterLinkLost().toMillis();
            while (now < OUTAGE.toMillis()) now += policy.afterFailedConnect(new ConnectException("refused")).toMillis();
            times.add(now);
        }
        times.sort(Long::compare);
        return times;
    }

    private static Map<Long, Integer> perSecond(List<Long> times) {
        Map<Long, Integer> counts = new TreeMap<>();
        times.forEach(t -> counts.merge(t / 1000, 1, Integer::sum));
        return counts;
    }
}
