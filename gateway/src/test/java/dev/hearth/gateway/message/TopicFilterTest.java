package dev.hearth.gateway.message;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFilterTest {

    @Test
    void aFilterCoversAnotherWhenEveryTopicOfTheOtherMatchesIt() {
        assertThat(TopicFilter.covers("zigbee2mqtt/#", "zigbee2mqtt/hall_motion")).isTrue();
        assertThat(TopicFilter.covers("zigbee2mqtt/#", "zigbee2mqtt")).isTrue(); // '#' also matches its parent level
        assertThat(TopicFilter.covers("zigbee2mqtt/+", "zigbee2mqtt/hall_motion")).isTrue();
        assertThat(TopicFilter.covers("zigbee2mqtt/+", "zigbee2mqtt/+/set")).isFalse();
        assertThat(TopicFilter.covers("a/#", "a/+/#")).isTrue();
        assertThat(TopicFilter.covers("a/+/#", "a/#")).isFalse();
        assertThat(TopicFilter.covers("a/+", "a/#")).isFalse();
        assertThat(TopicFilter.covers("#", "$SYS/broker/uptime")).isFalse(); // '$' topics only match filters naming them
    }

    @Test
    void theMinimalCoverKeepsOnlyFiltersNoOtherCoversInTheirOrder() {
        List<String> filters = List.of("zigbee2mqtt/hall_motion", "homie/plug/on", "zigbee2mqtt/+", "zigbee2mqtt/hall_motion",
                "zigbee2mqtt/#", "hearth/settle");
        assertThat(TopicFilter.minimalCover(filters)).containsExactly("homie/plug/on", "zigbee2mqtt/#", "hearth/settle");
    }
}
