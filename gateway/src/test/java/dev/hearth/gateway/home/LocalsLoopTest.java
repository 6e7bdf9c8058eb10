package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.automation.model.Automation;
import dev.hearth.gateway.automation.model.AutomationSettings;
import dev.hearth.gateway.automation.run.EngineJournal;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.commands.CommandFailed;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.commands.ConfirmationSettings;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.helper.Helper;
import dev.hearth.gateway.helper.Timer;
import dev.hearth.gateway.journal.AutomationStore;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.RetainedSettled;
import dev.hearth.gateway.presence.People;
import dev.hearth.gateway.presence.Person;
import dev.hearth.gateway.time.Location;
import dev.hearth.gateway.time.VirtualScheduler;
import dev.hearth.gateway.yaml.Problems;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers and people in the home loop on virtual time: a timer that runs out fires its trigger (also across a
 * restart), and OwnTracks reports of two people make "everyone left" fire once, when the second one leaves.
 */
class LocalsLoopTest {
    private static final Instant T0 = Instant.parse("2026-01-01T18:00:00Z");
    private static final Location BERLIN = new Location(52.5200, 13.4050, ZoneOffset.UTC);
    private static final Timer TEA = new Timer(new Helper.Common(new DeviceId("tea"), "Tea", "kitchen"), Duration.ofMinutes(4));
    private static final Person ALICE = new Person(new DeviceId("alice"), "Alice", List.of("owntracks/alice/phone"), Optional.empty(), "home", 100);
    private static final Person BOB = new Person(new DeviceId("bob"), "Bob", List.of("owntracks/bob/phone"), Optional.of("presence/bob"), "home", 100);
    private static final Locals LOCALS = new Locals(List.of(TEA), new People(List.of(ALICE, BOB)));
    private static final String AUTOMATIONS = """
            automations:
              - id: tea_ready
                triggers: [ { trigger: state, device: tea, attribute: state, to: finished } ]
                actions: [ { publish: { topic: notify/tea, payload: "ready" } } ]
              - id: everyone_left
                triggers: [ { trigger: state, device: people, attribute: state, to: not_home } ]
                actions: [ { publish: { topic: notify/left, payload: "${trigger.to}" } } ]
              - id: first_home
                triggers: [ { trigger: state, device: people, attribute: state, from: not_home, to: home } ]
                actions: [ { publish: { topic: notify/first, payload: "x" } } ]
              - id: brew
                triggers: [ { trigger: mqtt, topic: kitchen/kettle } ]
                actions: [ { set_helper: { helper: tea, action: start } } ]
            """;

    private VirtualScheduler time = new VirtualScheduler(T0, ZoneOffset.UTC);
    private final Recorded effects = new Recorded();
    private DeviceRegistry registry;
    private HomeLoop loop;

    private void start(HomeLoop.Restored restored) {
        registry = new DeviceRegistry(LOCALS.specs(), 4096);
        loop = new HomeLoop(registry, automations(), new HomeLoop.Setup(time, time, BERLIN, AutomationSettings.DEFAULTS,
                ConfirmationSettings.DEFAULTS, EngineJournal.NONE, new SimpleMeterRegistry(), LOCALS), effects);
        loop.start(restored);
        loop.receive(new RetainedSettled("broker", time.now()));
    }

    @Test
    void aTimerStartedByAnAutomationFinishesOnTimeAndItsFinishedStateFiresATrigger() {
        start(HomeLoop.Restored.NOTHING);
        assertThat(value("tea", Helper.STATE)).isEqualTo("idle");

        loop.receive(message("kitchen/kettle", "on"));
        time.advance(Duration.ZERO);
        assertThat(value("tea", Helper.STATE)).isEqualTo("active");
        assertThat(value("tea", Timer.FINISHES_AT)).isEqualTo(T0.plus(Duration.ofMinutes(4)).toString());
        time.advance(Duration.ofMinutes(4).minusMillis(1));
        assertThat(effects.topics()).doesNotContain("notify/tea");

        time.advance(Duration.ofMillis(1));
        assertThat(effects.topics()).containsOnlyOnce("notify/tea");
        assertThat(value("tea", Helper.STATE)).isEqualTo("finished");
        assertThat(effects.runs).contains("tea_ready");
    }

    @Test
    void aPausedTimerKeepsItsRemainingTimeAndResumesFromIt() {
        start(HomeLoop.Restored.NOTHING);
        set("tea", Map.of(Helper.ACTION, Value.of("start")));
        time.advance(Duration.ofMinutes(1));
        set("tea", Map.of(Helper.ACTION, Value.of("pause")));
        assertThat(value("tea", Timer.REMAINING)).isEqualTo("180");
        time.advance(Duration.ofHours(1));
        assertThat(effects.topics()).doesNotContain("notify/tea");

        set("tea", Map.of(Helper.ACTION, Value.of("start")));
        time.advance(Duration.ofMinutes(3).minusMillis(1));
        assertThat(effects.topics()).doesNotContain("notify/tea");
        time.advance(Duration.ofMillis(1));
        assertThat(effects.topics()).containsOnlyOnce("notify/tea");
    }

    @Test
    void aCancelledTimerNeverFinishes() {
        start(HomeLoop.Restored.NOTHING);
        set("tea", Map.of(Helper.ACTION, Value.of("start"), Timer.DURATION, Value.of(30)));
        set("tea", Map.of(Helper.ACTION, Value.of("cancel")));
        time.advance(Duration.ofMinutes(10));

        assertThat(value("tea", Helper.STATE)).isEqualTo("idle");
        assertThat(effects.topics()).doesNotContain("notify/tea");
    }

    @Test
    void aTimerRunningAtARestartFinishesWhenItWasDue() {
        start(HomeLoop.Restored.NOTHING);
        set("tea", Map.of(Helper.ACTION, Value.of("start")));
        List<AutomationStore.StoredState> saved = effects.saved();

        time = new VirtualScheduler(T0.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        start(new HomeLoop.Restored(saved, List.of(), Map.of()));
        assertThat(value("tea", Helper.STATE)).isEqualTo("active");
        time.advance(Duration.ofMinutes(3).minusMillis(1));
        assertThat(effects.topics()).doesNotContain("notify/tea");
        time.advance(Duration.ofMillis(1));
        assertThat(effects.topics()).containsOnlyOnce("notify/tea");
    }

    @Test
    void aTimerThatRanOutWhileTheGatewayWasDownFinishesOnceTriggersAreArmed() {
        start(HomeLoop.Restored.NOTHING);
        set("tea", Map.of(Helper.ACTION, Value.of("start")));
        List<AutomationStore.StoredState> saved = effects.saved();

        time = new VirtualScheduler(T0.plus(Duration.ofHours(2)), ZoneOffset.UTC);
        start(new HomeLoop.Restored(saved, List.of(), Map.of()));
        time.advance(Duration.ZERO);

        assertThat(effects.topics()).containsOnlyOnce("notify/tea");
        assertThat(value("tea", Helper.STATE)).isEqualTo("finished");
    }

    @Test
    void aCommandAHelperCannotTakeIsRefusedWithTheReason() {
        start(HomeLoop.Restored.NOTHING);
        CompletionStage<Void> wrong = loop.command(new CommandRequested(TEA.id(), Map.of(Helper.ACTION, Value.of("explode")), "api"));
        CompletionStage<Void> readOnly = loop.command(new CommandRequested(TEA.id(), Map.of(Helper.STATE, Value.of("finished")), "api"));

        assertThat(wrong.toCompletableFuture()).isCompletedExceptionally();
        assertThat(readOnly.toCompletableFuture()).failsWithin(Duration.ZERO).withThrowableThat()
                .withMessageContaining("cannot set 'state'; it takes action, duration");
        assertThat(value("tea", Helper.STATE)).isEqualTo("idle");
    }

    @Test
    void everyoneLeftFiresOnceWhenTheSecondPersonLeavesAndFirstHomeWhenOneReturns() {
        start(HomeLoop.Restored.NOTHING);
        loop.receive(message("owntracks/alice/phone", fixture("location-home.json")));
        loop.receive(message("owntracks/bob/phone", fixture("location-near-no-regions.json")));
        assertThat(value("alice", Person.STATE)).isEqualTo("home");
        assertThat(value("bob", Person.STATE)).isEqualTo("home");
        assertThat(value("people", People.HOME_COUNT)).isEqualTo("2");
        assertThat(value("alice", Person.BATTERY)).isEqualTo("78");

        loop.receive(message("owntracks/alice/phone/event", fixture("transition-leave-home.json")));
        assertThat(value("alice", Person.STATE)).isEqualTo("not_home");
        assertThat(effects.topics()).doesNotContain("notify/left");
        loop.receive(message("owntracks/alice/phone", fixture("location-away.json")));
        loop.receive(message("owntracks/alice/phone", fixture("lwt.json")));
        assertThat(effects.topics()).doesNotContain("notify/left");

        loop.receive(message("presence/bob", "not_home"));
        loop.receive(message("owntracks/bob/phone", fixture("location-away.json")));
        assertThat(value("bob", Person.STATE)).isEqualTo("not_home");
        assertThat(value("people", Person.STATE)).isEqualTo("not_home");
        assertThat(effects.topics()).containsOnlyOnce("notify/left");
        assertThat(effects.topics()).doesNotContain("notify/first");

        loop.receive(message("owntracks/alice/phone/event", fixture("transition-enter-home.json")));
        loop.receive(message("presence/bob", "home"));
        assertThat(effects.topics()).containsOnlyOnce("notify/first");
        assertThat(value("people", People.AT_HOME)).isEqualTo("alice,bob");
    }

    @Test
    void anotherRegionIsThePersonsStateAndLeavingItMakesThemNotHome() {
        start(HomeLoop.Restored.NOTHING);
        loop.receive(message("owntracks/alice/phone/event", fixture("transition-enter-cafe.json")));
        assertThat(value("alice", Person.STATE)).isEqualTo("My favorite coffee shop (Delaville)");

        loop.receive(message("owntracks/alice/phone/event", fixture("transition-enter-cafe.json").replace("enter", "leave")));
        assertThat(value("alice", Person.STATE)).isEqualTo("not_home");
    }

    private void set(String helper, Map<String, Value> values) {
        assertThat(loop.command(new CommandRequested(new DeviceId(helper), values, "api")).toCompletableFuture()).isCompleted();
    }

    private String value(String entry, String attribute) {
        return registry.state(new DeviceId(entry)).flatMap(s -> s.value(attribute)).map(Object::toString).orElse(null);
    }

    private static List<Automation> automations() {
        Problems problems = new Problems();
        List<Automation> automations = new AutomationLoader(LOCALS.specs()).parse("test.yaml", AUTOMATIONS, problems);
        assertThat(problems.list()).isEmpty();
        return automations;
    }

    private InboundMessage message(String topic, String payload) {
        return new InboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 0, false, time.now(), 0);
    }

    static String fixture(String name) {
        try (InputStream in = LocalsLoopTest.class.getResourceAsStream("/owntracks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the loop handed out; state changes kept as the journal would save them. */
    private static final class Recorded implements HomeLoop.Effects {
        final List<Publication> published = new ArrayList<>();
        final List<String> runs = new ArrayList<>();
        final Map<String, StateChanged> latest = new LinkedHashMap<>();

        List<String> topics() {
            return published.stream().map(Publication::topic).toList();
        }

        List<AutomationStore.StoredState> saved() {
            return latest.values().stream().map(c -> new AutomationStore.StoredState(c.device().value(), c.attribute(), c.value(), c.at())).toList();
        }

        @Override
        public void stateChanged(StateChanged change) {
            latest.put(change.device() + "." + change.attribute(), change);
        }

        @Override
        public void availabilityChanged(AvailabilityChanged change) {
        }

        @Override
        public void eventReported(EventReported event) {
        }

        @Override
        public void ran(AutomationRun run) {
            runs.add(run.automation());
        }

        @Override
        public CompletionStage<Void> publish(Publication publication) {
            published.add(publication);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void handled(long ackToken) {
        }

        @Override
        public void commandFailed(CommandFailed failed) {
        }

        @Override
        public void dispatch(dev.hearth.gateway.notify.Dispatch dispatch) {
        }
    }
}
