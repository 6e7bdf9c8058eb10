package dev.hearth.bench.fleet;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Each gateway's backlog after the outage: when its last reading published before the broker's return arrived. */
record Drain(long[] doneAt, long missing, long outOfOrder, long duplicates) {

    static Drain await(CloudObserver cloud, List<FleetHome> homes, long[] lastBeforeReturn, Duration timeout) throws InterruptedException {
        int n = homes.size();
        long[] done = new long[n];
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = false;
        while (!all && System.nanoTime() < deadline) {
            all = true;
            for (int i = 0; i < n; i++) {
                if (done[i] != 0) continue;
                long target = lastBeforeReturn[i];
                List<CloudObserver.Arrival> got = cloud.telemetry.getOrDefault(homes.get(i).id(), List.of());
                done[i] = got.stream().filter(a -> a.seq() == target).mapToLong(CloudObserver.Arrival::nanos).findFirst().orElse(0);
                if (done[i] == 0) all = false;
            }
            if (!all) Thread.sleep(100);
        }
        long missing = 0;
        long outOfOrder = 0;
        long duplicates = 0;
        for (int i = 0; i < n; i++) {
            List<CloudObserver.Arrival> got = cloud.telemetry.getOrDefault(homes.get(i).id(), List.of());
            Set<Long> seen = new HashSet<>();
            long max = 0;
            for (CloudObserver.Arrival a : got) {
                if (!seen.add(a.seq())) duplicates++;
                else if (a.seq() < max) outOfOrder++;
                max = Math.max(max, a.seq());
            }
            for (long s = 1; s <= lastBeforeReturn[i]; s++) if (!seen.contains(s)) missing++;
        }
        return new Drain(done, missing, outOfOrder, duplicates);
    }
}
