package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.StateView;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.JsonFormat;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.notify.Dispatch;
import dev.hearth.gateway.time.VirtualScheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A home of six devices around one engine on virtual time; records commands, publications, traces and the journal. */
public final class EngineHarness implements StateView {
    public static final List<DeviceSpec> DEVICES = List.of(
            spec("pir", DeviceKind.MOTION_SENSOR), spec("lamp", DeviceKind.LIGHT), spec("thermo", DeviceKind.TEMPERATURE_SENSOR),
            spec("window", DeviceKind.CONTACT_SENSOR), spec("lux", DeviceKind.ILLUMINANCE_SENSOR), spec("heater", DeviceKind.THERMOSTAT));

    final VirtualScheduler time;
    final Map<String, Value> state = new HashMap<>();
    final Map<DeviceId, Availability> availability = new HashMap<>();
    final Map<String, Instant> lastChanged = new HashMap<>();
    public final List<CommandRequested> commands = new ArrayList<>();
    final List<Publication> publications = new ArrayList<>();
    public final List<Dispatch> dispatches = new ArrayList<>();
    final List<AutomationRun> runs = new ArrayList<>();
    final RecordingJournal journal = new RecordingJournal();
    public AutomationEngine engine;
    /** The devices known now, as the registry has them; a test may add one as discovery would. */
    public final List<DeviceSpec> known = new ArrayList<>(DEVICES);
    /** Devices apply commands (on the next turn of the clock) and report the new state, as real ones do. */
    public boolean echoCommands;

    EngineHarness(Instant start, ZoneId zone) {
        this.time = new VirtualScheduler(start, zone);
    }

    EngineHarness() {
        this(Instant.parse("2026-01-01T18:00:00Z"), ZoneId.of("UTC"));
    }

    public static List<Automation> parse(String yaml) {
        Problems problems = new Problems();
        List<Automation> automations = new AutomationLoader(DEVICES).parse("test.yaml", yaml, problems);
        assertThat(problems.list()).isEmpty();
        return automations;
    }

    /** Loads the automations and arms them at once (no start-up barrier). */
    EngineHarness load(String yaml) {
        build(parse(yaml));
        engine.arm(List.of(), Map.of());
        return this;
    }

    EngineHarness build(List<Automation> automations) {
        engine = new AutomationEngine(automations, this, time,
                new AutomationEngine.Outputs(this::command, publications::add, runs::add, journal, dispatches::add),
                new AutomationEngine.Options(new SunClock(52.52, 13.405, time.zone()), 5));
        return this;
    }

    private void command(CommandRequested c) {
        commands.add(c);
        if (echoCommands) time.schedule(Duration.ZERO, () -> c.set().forEach((k, v) -> set(c.device().value(), k, v.plain())));
    }

    public void set(String device, String attribute, Object value) {
        Value v = value instanceof Boolean b ? Value.of(b) : value instanceof Number n ? Value.of(n.doubleValue()) : Value.of(value.toString());
        Value previous = state.put(device + "." + attribute, v);
        if (!v.equals(previous)) lastChanged.put(device + "." + attribute, time.now());
        engine.onDeviceSeen(new DeviceId(device));
        engine.onStateChanged(new StateChanged(new DeviceId(device), attribute, Optional.ofNullable(previous), v, time.now()));
    }

    void available(String device, Availability now) {
        Availability before = availability.getOrDefault(new DeviceId(device), Availability.UNKNOWN);
        availability.put(new DeviceId(device), now);
        engine.onAvailabilityChanged(new AvailabilityChanged(new DeviceId(device), before, now, time.now()));
    }

    public void advance(Duration d) {
        time.advance(d);
    }

    List<String> commandTexts() {
        return commands.stream().map(c -> c.device() + " " + new java.util.TreeMap<>(c.set())).toList();
    }

    List<AutomationRun.Outcome> outcomes() {
        return runs.stream().map(AutomationRun::outcome).toList();
    }

    AutomationRun lastRun() {
        return runs.get(runs.size() - 1);
    }

    @Override
    public Optional<Value> value(DeviceId device, String attribute) {
        return Optional.ofNullable(state.get(device + "." + attribute));
    }

    @Override
    public Map<String, Object> attributes(DeviceId device) {
        Map<String, Object> out = new HashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(device.value() + ".")) out.put(k.substring(device.value().length() + 1), v.plain());
        });
        return out;
    }

    @Override
    public Optional<Instant> lastChanged(DeviceId device, String attribute) {
        return Optional.ofNullable(lastChanged.get(device + "." + attribute));
    }

    @Override
    public Availability availability(DeviceId device) {
        return availability.getOrDefault(device, Availability.UNKNOWN);
    }

    @Override
    public java.util.Collection<DeviceSpec> devices() {
        return known;
    }

    public static DeviceSpec spec(String id, DeviceKind kind) {
        return new DeviceSpec(new DeviceId(id), id, "", kind, JsonFormat.zigbee2mqtt("z/" + id), kind.attributes());
    }

    /** Keeps what a database would: pending timers and clock checks. */
    static final class RecordingJournal implements EngineJournal {
        final Map<String, PendingTimer> timers = new java.util.LinkedHashMap<>();
        final Map<String, Instant> clocks = new HashMap<>();
        final List<AutomationRun> traces = new CopyOnWriteArrayList<>();

        @Override
        public void timerStarted(PendingTimer timer) {
            timers.put(timer.key(), timer);
        }

        @Override
        public void timerEnded(String key) {
            timers.remove(key);
        }

        @Override
        public void clockFired(String key, Instant at) {
            clocks.put(key, at);
        }

        @Override
        public void traced(AutomationRun run) {
            traces.add(run);
        }
    }
}
