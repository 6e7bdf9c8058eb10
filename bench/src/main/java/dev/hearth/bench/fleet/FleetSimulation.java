package dev.hearth.bench.fleet;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.Light;
import dev.hearth.sim.mqtt.SimClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The many-gateway simulation (docs/fleet.md): N gateway processes, each with its simulated home (a sensor publishing
 * numbered readings, a light) on one shared local Mosquitto, uplinked to one upstream Mosquitto standing in for the
 * fleet's cluster; remote commands from a cloud-side client before and after a 60 s upstream outage under load.
 * Prints the figures as Markdown.
 *   java -Dhearth.classpath=... dev.hearth.bench.fleet.FleetSimulation WORK N RATE OUTAGE_S UPLINK_RATE
 */
public final class FleetSimulation {
    private static final int COMMANDS = 60;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int outage = Integer.parseInt(args[3]);
        int uplinkRate = Integer.parseInt(args[4]);
        try (MosquittoBroker local = MosquittoBroker.builder().configLine("max_queued_messages 100000").start();
             MosquittoBroker upstream = MosquittoBroker.builder().configLine("max_queued_messages 1000000")
                     .configLine("persistence true").configLine("persistence_location " + Brokers.writableDir(work) + "/").start();
             CloudObserver cloud = new CloudObserver(upstream.url())) {
            cloud.connect();
            List<FleetHome> homes = new ArrayList<>();
            List<Process> gateways = new ArrayList<>();
            List<Light> lights = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                FleetHome home = FleetHome.write(work, i, local.url(), upstream.url(), uplinkRate);
                homes.add(home);
                lights.add((Light) new Light(new SimClient(local.url(), "light-" + i), DeviceTopics.zigbee2mqtt(home.lightTopic())).start());
                gateways.add(home.start());
            }
            awaitOnline(cloud, n, Duration.ofMinutes(4));
            System.err.printf("all %d gateways online upstream after %.1f s%n", n, seconds(System.nanoTime() - t0));
            SimClient sensors = new SimClient(local.url(), "fleet-sensors");
            sensors.start();
            sensors.awaitConnected(Duration.ofSeconds(10));
            AtomicLongArray published = new AtomicLongArray(n);
            ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
            load.scheduleAtFixedRate(() -> {
                for (int i = 0; i < n; i++) {
                    long seq = published.incrementAndGet(i);
                    sensors.publish(homes.get(i).sensorTopic(), ("{\"temperature\":21.5,\"seq\":" + seq + "}")
                            .getBytes(StandardCharsets.UTF_8), 1, false);
                }
            }, 0, 1000 / rate, TimeUnit.MILLISECONDS);
            pause(Duration.ofSeconds(10));
            Commands before = Commands.send(cloud, homes, "before", COMMANDS);

            int onlinesBefore = cloud.onlines.size();
            upstream.stop();
            long down = System.nanoTime();
            System.err.println("upstream stopped for " + outage + " s under load");
            pause(Duration.ofSeconds(outage));
            long[] lastBeforeReturn = new long[n];
            for (int i = 0; i < n; i++) lastBeforeReturn[i] = published.get(i);
            upstream.startAgain();
            long back = System.nanoTime();
            cloud.reconnect();
            awaitOnline(cloud, onlinesBefore + n, Duration.ofMinutes(3));
            Drain drain = Drain.await(cloud, homes, lastBeforeReturn, Duration.ofMinutes(3));
            Commands after = Commands.send(cloud, homes, "after", COMMANDS);
            load.shutdownNow();
            new Report(n, rate, outage, uplinkRate, cloud, onlinesBefore, down, back, drain, before, after, published).print();
            gateways.forEach(Process::destroy);
            for (Process p : gateways) p.waitFor(20, TimeUnit.SECONDS);
            lights.forEach(Light::shutdown);
            sensors.close();
        }
    }

    private static void awaitOnline(CloudObserver cloud, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (cloud.onlines.size() < count) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("only " + cloud.onlines.size() + " of " + count + " online");
            Thread.sleep(100);
        }
    }

    static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
