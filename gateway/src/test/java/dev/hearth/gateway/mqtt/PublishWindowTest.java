package dev.hearth.gateway.mqtt;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The publish window never exceeds the broker's Receive Maximum and never reorders after a link loss. */
class PublishWindowTest {

    @Test
    void sendsAtMostTheReceiveMaximumAndRefillsOnAcknowledgement() {
        PublishWindow<String> w = new PublishWindow<>(100);
        for (int i = 0; i < 5; i++) w.offer("m" + i);
        assertThat(w.takeSendable()).isEmpty();
        w.open(2);
        List<Map.Entry<Long, String>> first = w.takeSendable();
        assertThat(first).extracting(Map.Entry::getValue).containsExactly("m0", "m1");
        assertThat(w.takeSendable()).isEmpty();
        assertThat(w.acknowledged(first.get(0).getKey())).isEqualTo("m0");
        assertThat(w.takeSendable()).extracting(Map.Entry::getValue).containsExactly("m2");
    }

    @Test
    void unacknowledgedMessagesReturnToTheHeadInOrderWhenTheLinkDrops() {
        PublishWindow<String> w = new PublishWindow<>(100);
        w.open(3);
        for (int i = 0; i < 5; i++) w.offer("m" + i);
        List<Map.Entry<Long, String>> sent = w.takeSendable();
        w.acknowledged(sent.get(1).getKey());
        w.close();
        assertThat(w.acknowledged(sent.get(0).getKey())).as("a late PUBACK of the old link").isNull();
        w.open(10);
        assertThat(w.takeSendable()).extracting(Map.Entry::getValue).containsExactly("m0", "m2", "m3", "m4");
    }

    @Test
    void refusesBeyondCapacity() {
        PublishWindow<String> w = new PublishWindow<>(2);
        assertThat(w.offer("a")).isTrue();
        assertThat(w.offer("b")).isTrue();
        assertThat(w.offer("c")).isFalse();
        assertThat(w.drainAll()).containsExactly("a", "b");
    }
}
