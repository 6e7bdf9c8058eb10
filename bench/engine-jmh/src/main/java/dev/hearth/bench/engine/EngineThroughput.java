package dev.hearth.bench.engine;

import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.run.EngineJournal;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.JsonFormat;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.time.VirtualScheduler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Device events per second through the automation engine with 10 to 100,000 automations, each watching its
 * own motion sensor. {@code matching} automations watch the sensor that changes; the rest watch others. If the
 * index works, the figures depend on {@code matching}, not on {@code automations}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineThroughput {
    @Param({"10", "1000", "10000", "100000"})
    int automations;

    @Param({"0", "1", "10"})
    int matching;

    private AutomationEngine engine;
    private VirtualScheduler time;
    private final DeviceId hot = new DeviceId("sensor_0");
    private boolean occupied;
    private long commands;

    @Setup(Level.Trial)
    public void setUp() {
        long started = System.nanoTime();
        long cpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        List<DeviceSpec> devices = new ArrayList<>();
        devices.add(spec("lamp", DeviceKind.LIGHT));
        int sensors = automations - matching + 1;
        for (int i = 0; i < sensors; i++) devices.add(spec("sensor_" + i, DeviceKind.MOTION_SENSOR));
        // Files are capped at 1 MiB (hostile input), so the automations come in files of 1,000 as a user would split them.
        List<Automation> loaded = new ArrayList<>();
        AutomationLoader loader = new AutomationLoader(devices);
        StringBuilder yaml = new StringBuilder("automations:\n");
        for (int i = 0; i < automations; i++) {
            // The first 'matching' automations watch sensor_0 (the one that changes); the others one sensor each.
            int sensor = i < matching ? 0 : i - matching + 1;
            yaml.append("  - id: a").append(i).append('\n')
                    .append("    mode: parallel\n    max: 1000\n")
                    .append("    triggers: [ { trigger: state, device: sensor_").append(sensor).append(", attribute: occupancy } ]\n")
                    .append("    conditions: [ { condition: state, device: lamp, attribute: state, is: \"OFF\" } ]\n")
                    .append("    actions: [ { command: { device: lamp, set: { state: \"ON\" } } } ]\n");
            if ((i + 1) % 1000 == 0 || i == automations - 1) {
                Problems problems = new Problems();
                loaded.addAll(loader.parse("bench-" + i / 1000 + ".yaml", yaml.toString(), problems));
                if (!problems.isEmpty()) throw new IllegalStateException(problems.list().toString());
                yaml = new StringBuilder("automations:\n");
            }
        }
        time = new VirtualScheduler(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);
        engine = new AutomationEngine(loaded, (d, a) -> d.value().equals("lamp") ? Optional.of(Value.of("OFF")) : Optional.empty(), time,
                new AutomationEngine.Outputs(c -> commands++, p -> { }, r -> { }, EngineJournal.NONE, d -> { }),
                new AutomationEngine.Options(new SunClock(0, 0, ZoneOffset.UTC), Integer.MAX_VALUE));
        engine.arm(List.of(), java.util.Map.of());
        // The set-up is the load of a home this size (parse, check, compile, index): worth seeing next to the score.
        // CPU time beside wall time: on a shared machine the wall time says more about the neighbours.
        System.out.printf("%nloaded and armed %,d automations in %,d ms (%,d ms of CPU)%n", automations,
                (System.nanoTime() - started) / 1_000_000, (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted) / 1_000_000);
        // A gateway loads its automations once and then runs for days: they belong in the old generation before
        // measuring, or the first young collections copy the whole home and bill it to the events.
        System.gc();
    }

    @Benchmark
    public void stateChange(Blackhole bh) {
        Value previous = Value.of(occupied);
        occupied = !occupied;
        // A second of virtual time per event keeps the runaway limiter's window short, as real events would.
        time.advance(Duration.ofSeconds(1));
        engine.onStateChanged(new StateChanged(hot, "occupancy", Optional.of(previous), Value.of(occupied), time.now()));
        bh.consume(commands);
    }

    private static DeviceSpec spec(String id, DeviceKind kind) {
        return new DeviceSpec(new DeviceId(id), id, "", kind, JsonFormat.zigbee2mqtt("z/" + id), kind.attributes());
    }
}
