package dev.hearth.bench.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

import static dev.hearth.bench.fleet.FleetSimulation.f;

/** The simulation's figures, as the Markdown that goes into docs/fleet.md. */
record Report(int n, int rate, int outage, int uplinkRate, CloudObserver cloud, int onlinesBefore, long down, long back,
              Drain drain, Commands before, Commands after, AtomicLongArray published) {

    void print() {
        List<Double> reconnects = new ArrayList<>();
        cloud.onlines.subList(onlinesBefore, cloud.onlines.size()).forEach(o -> reconnects.add((o.nanos() - back) / 1e9));
        reconnects.sort(Double::compare);
        Map<Long, Integer> perSecond = new TreeMap<>();
        reconnects.forEach(s -> perSecond.merge((long) Math.floor(s), 1, Integer::sum));
        List<Double> drains = new ArrayList<>();
        for (long at : drain.doneAt()) drains.add(at == 0 ? Double.NaN : (at - back) / 1e9);
        drains.sort(Double::compare);
        Map<Long, Integer> rateAfter = new TreeMap<>();
        cloud.telemetry.values().forEach(l -> l.stream().filter(a -> a.nanos() >= back)
                .forEach(a -> rateAfter.merge((a.nanos() - back) / 1_000_000_000L, 1, Integer::sum)));
        long total = 0;
        for (int i = 0; i < n; i++) total += published.get(i);
        System.out.println(f("| setting | value |%n|---|---|"));
        System.out.println(f("| gateways (processes) | %d |", n));
        System.out.println(f("| load per home | %d readings/s, forwarded (%d msg/s to the local broker in all) |", rate, n * rate));
        System.out.println(f("| upstream outage | %d s under load |", outage));
        System.out.println(f("| uplink.rate | %d msg/s per gateway |", uplinkRate));
        System.out.println();
        System.out.println(f("| measured | value |%n|---|---|"));
        System.out.println(f("| reconnects after the broker's return (s): first / median / last | %.1f / %.1f / %.1f |",
                reconnects.get(0), reconnects.get(reconnects.size() / 2), reconnects.get(reconnects.size() - 1)));
        System.out.println(f("| most reconnects in one second | %d (of %d) |", perSecond.values().stream().max(Integer::compare).orElse(0), reconnects.size()));
        System.out.println(f("| backlog drained, per gateway, s after the return: first / median / last | %.1f / %.1f / %.1f |",
                drains.get(0), drains.get(drains.size() / 2), drains.get(drains.size() - 1)));
        System.out.println(f("| readings published / missing upstream / out of order / duplicates | %d / %d / %d / %d |",
                total, drain.missing(), drain.outOfOrder(), drain.duplicates()));
        System.out.println(f("| upstream telemetry rate after the return: peak second / steady (msg/s) | %d / %d |",
                rateAfter.values().stream().max(Integer::compare).orElse(0), n * rate));
        System.out.println(f("| remote command to accepted, before the outage: p50 / p99 (ms) | %.1f / %.1f (%d of %d) |",
                Commands.percentileMs(before.accepted(), 50), Commands.percentileMs(before.accepted(), 99), before.accepted().size(), before.sent()));
        System.out.println(f("| remote command to delivered (device confirmed), before: p50 / p99 (ms) | %.1f / %.1f (%d of %d) |",
                Commands.percentileMs(before.delivered(), 50), Commands.percentileMs(before.delivered(), 99), before.delivered().size(), before.sent()));
        System.out.println(f("| remote command to accepted, after the outage: p50 / p99 (ms) | %.1f / %.1f (%d of %d) |",
                Commands.percentileMs(after.accepted(), 50), Commands.percentileMs(after.accepted(), 99), after.accepted().size(), after.sent()));
        System.out.println(f("| remote command to delivered, after: p50 / p99 (ms) | %.1f / %.1f (%d of %d) |",
                Commands.percentileMs(after.delivered(), 50), Commands.percentileMs(after.delivered(), 99), after.delivered().size(), after.sent()));
        System.out.println();
        System.out.println("Reconnects per second after the return: " + perSecond);
        System.out.println("Upstream telemetry per second after the return: " + rateAfter);
    }
}
