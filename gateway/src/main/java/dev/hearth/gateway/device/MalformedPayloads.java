package dev.hearth.gateway.device;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts rejected payloads by reason and logs them at a bounded rate, so a misbehaving device cannot
 * flood the log (one line per reason per interval, with the number suppressed meanwhile).
 */
public final class MalformedPayloads {
    private static final Logger log = LoggerFactory.getLogger(MalformedPayloads.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final Map<Malformed, LongAdder> counts = new EnumMap<>(Malformed.class);
    private final Map<Malformed, Instant> lastLogged = new EnumMap<>(Malformed.class);
    private final Map<Malformed, Long> suppressed = new EnumMap<>(Malformed.class);

    public MalformedPayloads() {
        for (Malformed m : Malformed.values()) counts.put(m, new LongAdder());
    }

    public void record(Malformed reason, String topic, String detail, Instant at) {
        counts.get(reason).increment();
        Instant last = lastLogged.get(reason);
        if (last != null && Duration.between(last, at).compareTo(LOG_INTERVAL) < 0) {
            suppressed.merge(reason, 1L, Long::sum);
            return;
        }
        long skipped = suppressed.getOrDefault(reason, 0L);
        suppressed.remove(reason);
        lastLogged.put(reason, at);
        log.warn("Ignored {} payload on '{}': {}{}", reason.label(), topic, detail,
                skipped > 0 ? " (" + skipped + " similar suppressed)" : "");
    }

    /** Shows the counts on /metrics: {@code hearth_device_rejected_payloads_total{reason="bad_json"}} and so on. */
    public void registerMeters(MeterRegistry registry) {
        for (Malformed m : Malformed.values()) {
            FunctionCounter.builder("hearth.device.rejected.payloads", counts.get(m), LongAdder::sum)
                    .description("Incoming payloads not (wholly) applied, by reason").tag("reason", m.label()).register(registry);
        }
    }

    /** Safe to call from any thread. */
    public long count(Malformed reason) {
        return counts.get(reason).sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
