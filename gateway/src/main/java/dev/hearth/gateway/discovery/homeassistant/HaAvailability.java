package dev.hearth.gateway.discovery.homeassistant;

import java.util.List;
import java.util.Optional;

/**
 * Where an entity's availability is reported: {@code availability_topic}, or the {@code availability} list, each
 * topic with its own payloads and optional {@code value_template}. Empty when the entity declares none (it is then
 * always available, as in Home Assistant).
 */
public record HaAvailability(List<Source> sources) {
    public static final HaAvailability NONE = new HaAvailability(List.of());

    public record Source(String topic, String payloadAvailable, String payloadNotAvailable, Optional<String> valueTemplate) {
    }

    public HaAvailability {
        sources = List.copyOf(sources);
    }
}
