package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.AutomationSettings;
import dev.hearth.gateway.automation.run.EngineJournal;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.commands.CommandFailed;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.commands.Commands;
import dev.hearth.gateway.commands.ConfirmationSettings;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.DevicesChanged;
import dev.hearth.gateway.device.Malformed;
import dev.hearth.gateway.device.JsonFormat;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.RetainedSettled;
import dev.hearth.gateway.time.Location;
import dev.hearth.gateway.time.VirtualScheduler;
import dev.hearth.gateway.yaml.Problems;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** The home loop on virtual time, without Vert.x: the real registry and engine, effects recorded in order. */
class HomeLoopTest {
    private static final Instant T0 = Instant.parse("2026-01-01T18:00:00Z");
    private static final DeviceSpec PIR = spec("pir", DeviceKind.MOTION_SENSOR);
    private static final DeviceSpec LAMP = spec("lamp", DeviceKind.LIGHT);
    private static final String HALL_LIGHT = """
            automations:
              - id: hall_light
                triggers: [ { trigger: state, device: pir, attribute: occupancy, to: true } ]
                actions: [ { command: { device: lamp, set: { state: "ON" } } } ]
            """;

    private final VirtualScheduler time = new VirtualScheduler(T0, ZoneOffset.UTC);
    private final RecordedEffects effects = new RecordedEffects();
    private static final DeviceSpec THERMO = spec("thermo", DeviceKind.TEMPERATURE_SENSOR);
    private final DeviceRegistry registry = new DeviceRegistry(List.of(PIR, LAMP), 4096);
    /** The registry of a home that has not armed yet ({@link #waitingLoop}). */
    private final DeviceRegistry fresh = new DeviceRegistry(List.of(PIR, LAMP, THERMO), 4096);
    private HomeLoop loop;

    @BeforeEach
    void armed() {
        loop = new HomeLoop(registry, automations(), new HomeLoop.Setup(time, time, new Location(52.5, 13.4, ZoneOffset.UTC),
                AutomationSettings.DEFAULTS, ConfirmationSettings.DEFAULTS, EngineJournal.NONE, new SimpleMeterRegistry()), effects);
        loop.start(HomeLoop.Restored.NOTHING);
        // The retained states come first: a first report (nothing known before it) fires no state trigger.
        loop.receive(retained("z/pir", "{\"occupancy\":false}"));
        loop.receive(retained("z/lamp", "{\"state\":\"OFF\"}"));
        loop.receive(new RetainedSettled("broker", T0));
        effects.log.clear();
    }

    @Test
    void aMotionUpdatesTheRegistryAndItsAutomationSendsTheLightACommandWithACorrelationId() {
        loop.receive(message("z/pir", "{\"occupancy\":true}", 0));

        assertThat(registry.state(PIR.id()).flatMap(s -> s.value("occupancy"))).contains(Value.of(true));
        assertThat(effects.log).containsExactly("state pir.occupancy=true", "publish z/lamp/set {\"state\":\"ON\"}", "ran hall_light");
        Publication command = effects.published.get(0);
        assertThat(command.kind()).isEqualTo(Publication.Kind.COMMAND);
        assertThat(command.userProperties().get(Commands.CORRELATION_ID)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void aQos1MessageIsAcknowledgedOnlyAfterTheCommandItCaused() {
        loop.receive(message("z/pir", "{\"occupancy\":true}", 42));

        assertThat(effects.log).containsSubsequence("publish z/lamp/set {\"state\":\"ON\"}", "handled 42");
        assertThat(effects.log.get(effects.log.size() - 1)).isEqualTo("handled 42");
    }

    @Test
    void aMessageOnAnUnknownTopicIsCountedAndChangesNothing() {
        loop.receive(message("z/nobody", "{\"occupancy\":true}", 7));

        assertThat(registry.malformed().count(Malformed.UNKNOWN_TOPIC)).isEqualTo(1);
        assertThat(registry.state(PIR.id()).flatMap(s -> s.value("occupancy"))).contains(Value.of(false));
        assertThat(effects.log).containsExactly("handled 7");
    }

    @Test
    void theEchoOfACommandConfirmsItAndNoRetryFollows() {
        loop.receive(message("z/pir", "{\"occupancy\":true}", 0));
        loop.receive(message("z/lamp", "{\"state\":\"ON\"}", 0));
        time.advance(Duration.ofMinutes(1));

        assertThat(effects.published).hasSize(1);
        assertThat(effects.failed).isEmpty();
    }

    @Test
    void aCommandTheDeviceCannotTakeIsRefusedAndNothingIsPublished() {
        CompletionStage<Void> sent = loop.command(new CommandRequested(PIR.id(), Map.of("occupancy", Value.of(true)), "api"));

        assertThat(sent.toCompletableFuture()).isCompletedExceptionally();
        assertThat(effects.published).isEmpty();
    }

    @Test
    void nothingFiresBeforeTheStartupBarrierEnds() {
        HomeLoop waiting = new HomeLoop(registry, automations(), new HomeLoop.Setup(time, time, new Location(0, 0, ZoneOffset.UTC),
                AutomationSettings.DEFAULTS, ConfirmationSettings.DEFAULTS, EngineJournal.NONE, new SimpleMeterRegistry()), effects);
        waiting.start(HomeLoop.Restored.NOTHING);
        waiting.connectionChanged(true);
        waiting.receive(message("z/pir", "{\"occupancy\":true}", 0));
        time.advance(dev.hearth.gateway.automation.run.StartupBarrier.SETTLE.minusMillis(1));

        assertThat(waiting.armedBy()).isEmpty();
        assertThat(effects.published).isEmpty();
    }

    @Test
    void eventsHeldUntilTriggersArmRunAFewPerTurnOfTheLoopAndAnEventArrivingMeanwhileQueuesBehindThem() {
        HomeLoop waiting = waitingLoop();
        // Given 200 motion events (QoS 1) that came before the retained state settled
        for (int n = 1; n <= 200; n++) waiting.receive(message("z/pir", "{\"occupancy\":" + (n % 2 == 1) + "}", n));
        List<Integer> runBeforeTheNextTask = new ArrayList<>();

        // When the retained state settles: triggers arm; a task queued on the loop now, which brings one more event
        waiting.receive(new RetainedSettled("broker", T0));
        assertThat(waiting.armedBy()).isPresent();
        assertThat(handled()).as("none runs in the task that armed the triggers").isEmpty();
        time.schedule(Duration.ZERO, () -> {
            runBeforeTheNextTask.add(handled().size());
            waiting.receive(message("z/pir", "{\"occupancy\":true}", 201));
        });
        time.advance(Duration.ZERO);

        // Then the task got its turn after one batch, not after the whole backlog, and every event ran in arrival order
        assertThat(runBeforeTheNextTask).containsExactly(StartupGate.BATCH);
        assertThat(handled()).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 201).boxed().toList());
        assertThat(fresh.state(PIR.id()).flatMap(s -> s.value("occupancy"))).contains(Value.of(true));
    }

    @Test
    void heldQos0EventsAreBoundedAndTheNewestOfEachTopicSurvivesWhileEveryQos1EventRuns() {
        HomeLoop waiting = waitingLoop();
        // Given, before triggers arm: one thermometer report at QoS 0; then 1,000 lamp reports at QoS 0 (the echoes of
        // commands replayed from the outbox) and among them 100 motion events at QoS 1 (the broker's window)
        waiting.receive(message("z/thermo", "{\"temperature\":21.5}", 0));
        for (int n = 1; n <= 1000; n++) {
            waiting.receive(message("z/lamp", "{\"state\":\"ON\",\"brightness\":" + n % 250 + "}", 0));
            if (n % 10 == 0) waiting.receive(message("z/pir", "{\"occupancy\":" + (n % 20 == 0) + "}", n / 10));
        }

        // When triggers arm and the backlog has run
        waiting.receive(new RetainedSettled("broker", T0));
        time.advance(Duration.ZERO);

        // Then every QoS 1 event ran, in order; the lamp's newest report and the thermometer's only one were kept
        assertThat(handled()).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(fresh.state(LAMP.id()).flatMap(s -> s.value("brightness"))).contains(Value.of(1000 % 250));
        assertThat(fresh.state(THERMO.id()).flatMap(s -> s.value("temperature"))).contains(Value.of(21.5));
        // and no more than the QoS 0 limit waited: the older lamp reports were dropped
        assertThat(effects.log.stream().filter(l -> l.startsWith("state lamp.brightness")).count())
                .isLessThanOrEqualTo(StartupRule.MAX_HELD_AT_MOST_ONCE);
    }

    /** A home whose triggers have not armed yet: connected, the PIR's and the lamp's retained states applied. */
    private HomeLoop waitingLoop() {
        HomeLoop waiting = new HomeLoop(fresh, automations(), new HomeLoop.Setup(time, time,
                new Location(0, 0, ZoneOffset.UTC), AutomationSettings.DEFAULTS, ConfirmationSettings.DEFAULTS, EngineJournal.NONE,
                new SimpleMeterRegistry()), effects);
        effects.log.clear();
        waiting.start(HomeLoop.Restored.NOTHING);
        waiting.connectionChanged(true);
        waiting.receive(retained("z/pir", "{\"occupancy\":false}"));
        waiting.receive(retained("z/lamp", "{\"state\":\"OFF\"}"));
        return waiting;
    }

    private List<Long> handled() {
        return effects.log.stream().filter(l -> l.startsWith("handled ")).map(l -> Long.parseLong(l.substring(8))).toList();
    }

    private static List<Automation> automations() {
        Problems problems = new Problems();
        List<Automation> automations = new AutomationLoader(List.of(PIR, LAMP)).parse("test.yaml", HALL_LIGHT, problems);
        assertThat(problems.list()).isEmpty();
        return automations;
    }

    private static InboundMessage message(String topic, String payload, long ackToken) {
        return new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), ackToken == 0 ? 0 : 1, false, T0, ackToken);
    }

    private static InboundMessage retained(String topic, String payload) {
        return new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 0, true, T0, 0);
    }

    private static DeviceSpec spec(String id, DeviceKind kind) {
        return new DeviceSpec(new DeviceId(id), id, "", kind, JsonFormat.zigbee2mqtt("z/" + id), kind.attributes());
    }

    /** Every effect in the order the loop handed it out; the broker acknowledges each publication at once. */
    private static final class RecordedEffects implements HomeLoop.Effects {
        final List<String> log = new ArrayList<>();
        final List<Publication> published = new ArrayList<>();
        final List<CommandFailed> failed = new ArrayList<>();

        @Override
        public void stateChanged(StateChanged change) {
            log.add("state " + change.device() + "." + change.attribute() + "=" + change.value());
        }

        @Override
        public void availabilityChanged(AvailabilityChanged change) {
            log.add("availability " + change.device() + "=" + change.current());
        }

        @Override
        public void eventReported(EventReported event) {
            log.add("event " + event.device() + "." + event.attribute() + "=" + event.event());
        }

        @Override
        public void ran(AutomationRun run) {
            log.add("ran " + run.automation());
        }

        @Override
        public CompletionStage<Void> publish(Publication publication) {
            log.add("publish " + publication.topic() + " " + new String(publication.payload(), StandardCharsets.UTF_8));
            published.add(publication);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void handled(long ackToken) {
            log.add("handled " + ackToken);
        }

        @Override
        public void commandFailed(CommandFailed failed) {
            this.failed.add(failed);
        }

        @Override
        public void dispatch(dev.hearth.gateway.notify.Dispatch dispatch) {
            log.add("dispatch " + dispatch.request().describe());
        }

        @Override
        public void devicesChanged(DevicesChanged change) {
            log.add("devices +" + change.added() + " -" + change.removed());
        }
    }
}
