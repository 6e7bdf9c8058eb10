package dev.hearth.gateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Prometheus's naming rules for meters of libraries that break them: base units in the name, and seconds, not
 * nanoseconds. Netty's allocator gauges of memory and chunk size carry no unit ({@code netty_allocator_memory_used}
 * becomes {@code netty_allocator_memory_used_bytes}); Micrometer's process CPU time counts nanoseconds
 * ({@code process_cpu_time_ns_total}), replaced by {@code process_cpu_seconds_total}, the name Prometheus's own
 * clients use.
 */
final class BaseUnits {
    private static final String NETTY_MEMORY = "netty.allocator.memory.";
    private static final String NETTY_CHUNK = "netty.allocator.pooled.chunk.size";
    private static final String CPU_TIME = "process.cpu.time";

    private BaseUnits() {
    }

    /** Registers the filters; call before any meter is registered. */
    static void apply(MeterRegistry registry) {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                boolean bytes = id.getName().startsWith(NETTY_MEMORY) || id.getName().equals(NETTY_CHUNK);
                return bytes && id.getBaseUnit() == null ? id.withBaseUnit("bytes") : id;
            }
        });
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals(CPU_TIME) && "ns".equals(id.getBaseUnit())));
    }

    /** The CPU time of this process in seconds, if the JVM tells it. */
    static void processCpu(MeterRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean sun) || sun.getProcessCpuTime() < 0) return;
        FunctionCounter.builder("process.cpu", sun, b -> b.getProcessCpuTime() / 1e9).baseUnit("seconds")
                .description("CPU time this process has used").register(registry);
    }
}
