package dev.hearth.bench.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A round of remote commands from the cloud to the fleet's lights, and their round trips to accepted and delivered. */
record Commands(int sent, List<Long> accepted, List<Long> delivered) {

    static Commands send(CloudObserver cloud, List<FleetHome> homes, String label, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = label + "-" + i;
            ids.add(id);
            cloud.command(homes.get(i % homes.size()).id(), id, (i / homes.size()) % 2 == 0 ? "ON" : "OFF");
            FleetSimulation.pause(Duration.ofMillis(100));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !ids.stream().allMatch(cloud.delivered::containsKey)) Thread.sleep(100);
        List<Long> accepted = new ArrayList<>();
        List<Long> delivered = new ArrayList<>();
        for (String id : ids) {
            long at = cloud.sent.get(id);
            if (cloud.accepted.containsKey(id)) accepted.add(cloud.accepted.get(id) - at);
            if (cloud.delivered.containsKey(id)) delivered.add(cloud.delivered.get(id) - at);
        }
        accepted.sort(Long::compare);
        delivered.sort(Long::compare);
        return new Commands(count, accepted, delivered);
    }

    static double percentileMs(List<Long> sorted, double p) {
        if (sorted.isEmpty()) return Double.NaN;
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
