package dev.hearth.gateway.uplink;

import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.RequestProperties;
import dev.hearth.gateway.message.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends answers to remote commands straight through the uplink's link (not its outbox: an answer is about now), QoS 1,
 * with the request's correlation data and a message expiry; a request without a response topic gets none.
 */
final class RemoteReplies {
    private static final Logger log = LoggerFactory.getLogger(RemoteReplies.class);
    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Transport link;
    private final Clock clock;

    RemoteReplies(Transport link, Clock clock) {
        this.link = link;
        this.clock = clock;
    }

    void send(RequestProperties asker, RemoteReply reply) {
        if (asker.responseTopic().isEmpty()) return;
        Publication answer;
        try {
            answer = new Publication(asker.responseTopic().get(), reply.json(), 1, false, Publication.Kind.COMMAND, Map.of(),
                    asker.correlationData());
        } catch (IllegalArgumentException e) {
            log.info("Cannot answer a remote command on '{}': {}", asker.responseTopic().get(), e.getMessage());
            return;
        }
        link.send(answer, Optional.of(clock.instant().plus(LIFETIME)));
    }
}
