package dev.hearth.sim.scenario;

import dev.hearth.sim.device.DeviceSpec;
import dev.hearth.sim.device.SimulatedDevice;
import dev.hearth.sim.mqtt.Daemons;
import dev.hearth.sim.mqtt.SimClient;
import dev.hearth.sim.physics.RoomSimulation;
import dev.hearth.sim.physics.RoomThermal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a scenario against a broker: one client per device, the physics of every room, the
 * timeline and its expectations, all driven by one {@link ScenarioClock} (by default UTC stands in
 * for the home's local time; pass a clock in another zone to share it with a gateway).
 */
public final class ScenarioRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final long TICK_MILLIS = 50;
    /** Real time every expectation gets at least, for the MQTT round trips a simulated second can't hold. */
    public static final Duration DEFAULT_LATENCY_ALLOWANCE = Duration.ofMillis(500);

    private final Scenario scenario;
    private final String brokerUrl;
    private final Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
    private final Map<String, RoomSimulation> rooms = new LinkedHashMap<>();
    private final List<TimelineEvent> fired = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Daemons.named("scenario-ticker"));
    private final ScenarioClock time;
    private ExpectationWatch watch;
    private SimClient announcer;
    private Duration latencyAllowance = DEFAULT_LATENCY_ALLOWANCE;
    private Queue<TimelineEvent> pending;
    private Instant lastTick;
    private Instant simStart;

    public ScenarioRunner(Scenario scenario, String brokerUrl) {
        this(scenario, brokerUrl, ScenarioClock.of(scenario, ZoneOffset.UTC));
    }

    /** Runs on {@code clock}, which this runner releases once the devices are connected. */
    public ScenarioRunner(Scenario scenario, String brokerUrl, ScenarioClock clock) {
        this.scenario = scenario;
        this.brokerUrl = brokerUrl;
        this.time = clock;
    }

    /** Sets the real time every expectation gets at least (default 500 ms); call before {@link #start}. */
    public synchronized ScenarioRunner latencyAllowance(Duration allowance) {
        this.latencyAllowance = allowance;
        return this;
    }

    public ScenarioClock clock() {
        return time;
    }

    /**
     * Announces the home (as a Zigbee2MQTT bridge does when it starts, before its devices report), connects every
     * device, waits briefly for them, then starts the simulated clock at the scenario's start.
     */
    public synchronized ScenarioRunner start(Duration connectTimeout) {
        watch = new ExpectationWatch(time, latencyAllowance);
        // First, so that a gateway discovering the devices subscribes to them while they connect, and has their first state.
        announce(connectTimeout);
        scenario.rooms().forEach(room -> {
            List<SimulatedDevice> inRoom = room.devices().stream().map(this::create).toList();
            rooms.put(room.name(), new RoomSimulation(room.name(),
                    new RoomThermal(room.thermal(), room.initialTemperature()), inRoom));
        });
        LocalTime opening = timeOfDay();
        rooms.values().forEach(r -> r.advance(Duration.ZERO, opening, scenario.outside(), scenario.sun()));
        awaitConnected(connectTimeout);
        pending = new ArrayDeque<>(scenario.timeline());
        time.release(); // the clock starts once devices are up
        simStart = time.now();
        lastTick = simStart;
        ticker.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("scenario '{}' started: {} devices, {} to {} at {}x", scenario.name(), devices.size(),
                scenario.start(), scenario.end(), scenario.acceleration());
        return this;
    }

    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    public SimulatedDevice device(String id) {
        return devices.get(id);
    }

    public <T extends SimulatedDevice> T device(String id, Class<T> type) {
        return type.cast(devices.get(id));
    }

    public double roomTemperature(String room) {
        return rooms.get(room).temperature();
    }

    public List<TimelineEvent> fired() {
        return List.copyOf(fired);
    }

    /** Every expectation met or failed so far; complete once {@link #awaitEnd} returned true. */
    public VerificationReport report() {
        return new VerificationReport(scenario.name(), watch == null ? List.of() : watch.results());
    }

    /** Simulated time of day in the clock's zone. */
    public LocalTime timeOfDay() {
        return time.localNow().toLocalTime();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownTogether();
        if (announcer != null) {
            announcer.close();
        }
    }

    /** Each client's DISCONNECT waits for the broker; stopping them side by side keeps close() short. */
    private void shutdownTogether() {
        List<Thread> stopping = devices.values().stream()
                .map(d -> new Thread(d::shutdown, "stop-" + d.client().toString()))
                .toList();
        stopping.forEach(Thread::start);
        for (Thread t : stopping) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Retained announcements (bridge list, discovery) from one extra client, before the devices connect. */
    private void announce(Duration timeout) {
        if (scenario.announce().isEmpty()) {
            return;
        }
        announcer = new SimClient(brokerUrl, "sim-announcer-" + scenario.name().replaceAll("[^A-Za-z0-9_-]", "_"));
        announcer.start();
        scenario.announce().stream().sorted()
                .flatMap(a -> a.publications(scenario.devices()).stream())
                .forEach(p -> announcer.publish(p.topic(), p.payload(), 1, p.retained()));
        if (!announcer.awaitIdle(timeout)) {
            LOG.info("announcements not yet acknowledged; they wait in the announcer's queue");
        }
    }

    private SimulatedDevice create(DeviceSpec spec) {
        SimulatedDevice device = DeviceFactory.create(spec, brokerUrl, time);
        devices.put(spec.id(), device);
        watch.observe(spec.id(), device.snapshot());
        device.onStateChange(state -> watch.observe(spec.id(), state));
        device.start();
        return device;
    }

    private void awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SimulatedDevice device : devices.values()) {
            long left = deadline - System.nanoTime();
            if (!device.client().awaitConnected(Duration.ofNanos(Math.max(0, left)))) {
                LOG.info("device {} not connected yet; its messages wait in its queue", device.topics().base());
            }
        }
    }

    private synchronized void tick() {
        try {
            Instant now = time.now();
            Duration elapsed = Duration.between(lastTick, now);
            lastTick = now;
            Duration sinceStart = Duration.between(simStart, now);
            LocalTime clock = LocalTime.ofInstant(now, time.zone());
            fireDue(sinceStart);
            rooms.values().forEach(r -> r.advance(elapsed, clock, scenario.outside(), scenario.sun()));
            watch.expire();
            if (sinceStart.compareTo(scenario.length()) >= 0 && watch.settled()) {
                LOG.info("scenario '{}' reached {}", scenario.name(), scenario.end());
                finished.countDown();
                ticker.shutdown();
            }
        } catch (RuntimeException e) {
            LOG.warn("scenario tick failed: {}", e.toString());
        }
    }

    private void fireDue(Duration elapsed) {
        while (!pending.isEmpty()
                && Scenario.offset(scenario.start(), pending.peek().at()).compareTo(elapsed) <= 0) {
            TimelineEvent event = pending.poll();
            LOG.info("{} {}", scenario.name(), event);
            event.device().ifPresent(id -> DeviceFactory.apply(devices.get(id), event));
            event.expectations().forEach(e -> watch.expect(e, event.at()));
            fired.add(event);
        }
    }
}
