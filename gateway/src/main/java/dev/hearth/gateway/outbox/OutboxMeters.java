package dev.hearth.gateway.outbox;

import dev.hearth.gateway.store.Database;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * The outbox's meters ({@code hearth.outbox.*}, tag {@code link}). They read the snapshot the outbox
 * refreshes every second, never its event-loop state.
 */
public final class OutboxMeters {
    private OutboxMeters() {
    }

    public static void register(MeterRegistry registry, String link, Outbox snapshot, Database database) {
        gauge(registry, "hearth.outbox.queued", "Messages waiting for the broker's PUBACK", link, snapshot, OutboxStatus::queued);
        gauge(registry, "hearth.outbox.queued.bytes", "Bytes (topic and payload) waiting for the broker", link, snapshot,
                OutboxStatus::queuedBytes);
        gauge(registry, "hearth.outbox.queued.in.memory", "Waiting messages held in memory (the rest wait on disk only)", link,
                snapshot, OutboxStatus::inMemory);
        gauge(registry, "hearth.outbox.oldest.age.seconds", "Age of the oldest waiting message", link, snapshot,
                s -> s.oldestAgeMillis() / 1000.0);
        gauge(registry, "hearth.outbox.dead.letters", "Messages the broker refused every time, kept for a retry", link, snapshot,
                OutboxStatus::deadLetters);
        gauge(registry, "hearth.outbox.connected", "1 while the broker link is up", link, snapshot, s -> s.connected() ? 1 : 0);
        counter(registry, "hearth.outbox.delivered", "Messages the broker acknowledged (rate() gives the drain rate)", link,
                snapshot, OutboxStatus::delivered);
        counter(registry, "hearth.outbox.dropped", "Messages dropped because the outbox was full", link, snapshot, OutboxStatus::dropped);
        counter(registry, "hearth.outbox.expired", "Messages dropped because their lifetime ended", link, snapshot, OutboxStatus::expired);
        FunctionCounter.builder("hearth.store.commits", database, Database::commits)
                .description("Commits to the H2 database (each is a write to the storage device)").register(registry);
    }

    // Micrometer holds the measured object weakly: it is the outbox itself, which lives as long as its link.
    private static void gauge(MeterRegistry r, String name, String description, String link, Outbox o,
                              ToDoubleFunction<OutboxStatus> value) {
        Gauge.builder(name, o, x -> value.applyAsDouble(x.snapshot())).description(description).tag("link", link).register(r);
    }

    private static void counter(MeterRegistry r, String name, String description, String link, Outbox o,
                                ToDoubleFunction<OutboxStatus> value) {
        FunctionCounter.builder(name, o, x -> value.applyAsDouble(x.snapshot())).description(description).tag("link", link).register(r);
    }
}
