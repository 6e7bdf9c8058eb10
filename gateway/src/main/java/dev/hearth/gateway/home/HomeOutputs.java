package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.load.AutomationReload;
import dev.hearth.gateway.automation.load.AutomationReloader;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.AutomationRuns;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandConfirmed;
import dev.hearth.gateway.commands.CommandFailed;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.DevicesChanged;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.device.StateChanges;
import dev.hearth.gateway.journal.AutomationJournal;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.message.SubscriptionRequest;
import dev.hearth.gateway.notify.Dispatch;
import dev.hearth.gateway.outbox.CommandPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.eventbus.EventBus;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the home loop's effects go in the gateway: publications and acknowledgements straight to the MQTT side's
 * {@link CommandPath}, state changes and runs in bursts on the bus (history, dashboard, metrics), and state changes
 * also to the journal that restores them after a restart; reloaded automation files on the bus, and their mqtt
 * triggers' topics to the bridge.
 */
final class HomeOutputs implements HomeLoop.Effects, AutomationReloader.Listener {
    private final EventBus bus;
    private final Context context;
    private final CommandPath path;
    private final Optional<AutomationJournal> journal;
    private final BurstPublisher<StateChanged> stateChanges;
    private final BurstPublisher<AutomationRun> runs;
    private final MeterRegistry meters;
    private final Optional<String> handedOn;

    HomeOutputs(EventBus bus, Context context, CommandPath path, Optional<AutomationJournal> journal, MeterRegistry meters,
                Optional<String> handedOn) {
        this.bus = bus;
        this.handedOn = handedOn;
        this.context = context;
        this.meters = meters;
        this.path = path;
        this.journal = journal;
        this.stateChanges = new BurstPublisher<>(bus, context, Addresses.DEVICE_STATE_CHANGED, StateChanges::new);
        this.runs = new BurstPublisher<>(bus, context, Addresses.AUTOMATION_RUN, AutomationRuns::new);
    }

    @Override
    public void stateChanged(StateChanged change) {
        stateChanges.add(change);
        journal.ifPresent(j -> j.stateChanged(change));
    }

    @Override
    public void availabilityChanged(AvailabilityChanged change) {
        bus.publish(Addresses.DEVICE_AVAILABILITY_CHANGED, change);
    }

    @Override
    public void eventReported(EventReported event) {
        bus.publish(Addresses.DEVICE_EVENT, event);
    }

    @Override
    public void ran(AutomationRun run) {
        runs.add(run);
    }

    /** Completes on the home's thread: a command's confirmation clock starts there once the broker has it. */
    @Override
    public CompletionStage<Void> publish(Publication publication) {
        CompletableFuture<Void> onHome = new CompletableFuture<>();
        path.publish(publication).onComplete(r -> context.runOnContext(v -> {
            if (r.succeeded()) onHome.complete(null);
            else onHome.completeExceptionally(r.cause());
        }));
        return onHome;
    }

    @Override
    public void handled(long ackToken) {
        path.handled(ackToken);
    }

    @Override
    public void commandFailed(CommandFailed failed) {
        bus.publish(Addresses.DEVICE_COMMAND_FAILED, failed);
    }

    @Override
    public void commandConfirmed(CommandConfirmed confirmed) {
        bus.publish(Addresses.DEVICE_COMMAND_CONFIRMED, confirmed);
    }

    @Override
    public boolean handedOn(InboundMessage message) {
        if (handedOn.isEmpty() || !message.topic().startsWith(handedOn.get())) return false;
        bus.send(Addresses.HOMEASSISTANT_INBOUND, message);
        return true;
    }

    @Override
    public void dispatch(Dispatch dispatch) {
        bus.send(Addresses.NOTIFY_DISPATCH, dispatch);
    }

    @Override
    public void devicesChanged(DevicesChanged change) {
        if (!change.subscribe().isEmpty() || !change.unsubscribe().isEmpty()) {
            bus.send(Addresses.MQTT_SUBSCRIBE, new SubscriptionRequest(change.subscribe(), change.unsubscribe()));
        }
        bus.publish(Addresses.DEVICES_CHANGED, change);
    }

    @Override
    public void reloaded(AutomationReload report) {
        meters.counter("hearth.automation.reloads", "applied", Boolean.toString(report.applied())).increment();
        bus.publish(Addresses.AUTOMATION_RELOADED, report);
    }

    @Override
    public void mqttTriggersChanged(List<String> added, List<String> dropped) {
        bus.send(Addresses.MQTT_SUBSCRIBE, new SubscriptionRequest(added, dropped));
    }

    /** Publishes what is pending now (when the home stops). */
    void flush() {
        stateChanges.flush();
        runs.flush();
    }
}
