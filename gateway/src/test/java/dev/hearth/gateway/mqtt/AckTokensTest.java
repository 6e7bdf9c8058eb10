package dev.hearth.gateway.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An inbound message's token carries its connection, packet id and QoS back to the acknowledgement intact. */
class AckTokensTest {

    @Test
    void aTokenGivesBackItsConnectionPacketIdAndQos() {
        long token = AckTokens.of(7, 65_535, 1);

        assertThat(AckTokens.generation(token)).isEqualTo(7);
        assertThat(AckTokens.messageId(token)).isEqualTo(65_535);
        assertThat(AckTokens.qos(token)).isEqualTo(1);
    }

    @Test
    void messagesOfTwoConnectionsWithTheSamePacketIdGetDifferentTokens() {
        assertThat(AckTokens.of(1, 42, 1)).isNotEqualTo(AckTokens.of(2, 42, 1));
        assertThat(AckTokens.generation(AckTokens.of(Integer.MAX_VALUE, 1, 2))).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void qosZeroHasNothingToAcknowledge() {
        assertThat(AckTokens.of(3, 42, 0)).isZero();
    }
}
