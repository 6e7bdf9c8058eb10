package dev.hearth.bench.engine;

import org.openjdk.jmh.infra.Blackhole;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of one event through the engine, from {@link EngineThroughput}'s workload (1 matching automation).
 * On a shared machine the JMH score follows the neighbours' load; the thread's CPU time per event does much less, so
 * it is the figure to compare across automation counts. One count per JVM, so that the JIT profiles do not mix:
 * {@code for n in 10 100000 10 100000; do java -cp engine-benchmarks.jar dev.hearth.bench.engine.EngineCpuTime $n; done}
 */
public final class EngineCpuTime {
    private static final int WARM_UP = 1_000_000;
    private static final int EVENTS = 500_000;
    private static final int ROUNDS = 5;

    private EngineCpuTime() {
    }

    public static void main(String[] args) {
        EngineThroughput bench = new EngineThroughput();
        bench.automations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        bench.matching = 1;
        bench.setUp();
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) bench.stateChange(bh);
        for (int round = 0; round < ROUNDS; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) bench.stateChange(bh);
            System.out.printf("%,d automations: %,.0f ns of CPU per event (%,.0f ns wall)%n", bench.automations,
                    (threads.getCurrentThreadCpuTime() - cpu) / (double) EVENTS, (System.nanoTime() - wall) / (double) EVENTS);
        }
    }
}
