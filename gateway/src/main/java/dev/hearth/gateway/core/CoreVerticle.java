package dev.hearth.gateway.core;

import dev.hearth.gateway.automation.Automation;
import dev.hearth.gateway.automation.AutomationEngine;
import dev.hearth.gateway.automation.AutomationQuery;
import dev.hearth.gateway.automation.AutomationRun;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.CommandEncoder;
import dev.hearth.gateway.device.CommandRequested;
import dev.hearth.gateway.device.DeviceEvent;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.StateChanged;
import dev.hearth.gateway.mqtt.InboundMessage;
import dev.hearth.gateway.mqtt.Publication;
import dev.hearth.gateway.time.GatewayTime;
import dev.hearth.gateway.time.VertxScheduler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The single writer of home state: device registry and automation engine share this verticle's
 * event loop, so changes are applied and evaluated in arrival order without locks.
 */
public final class CoreVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(CoreVerticle.class);
    private static final Logger stateLog = LoggerFactory.getLogger("hearth.state");

    /** A command waits in the bridge's queue through an outage; only a very long one times the request out. */
    private static final DeliveryOptions UNTIL_ACKNOWLEDGED = new DeliveryOptions().setSendTimeout(Duration.ofHours(1).toMillis());

    private final DeviceRegistry registry;
    private final List<Automation> automations;
    private final Clock clock;
    private final double acceleration;
    private AutomationEngine engine;
    private EventBus bus;

    public CoreVerticle(DeviceRegistry registry, List<Automation> automations, Clock clock) {
        this(registry, automations, new GatewayTime(clock, 1.0));
    }

    public CoreVerticle(DeviceRegistry registry, List<Automation> automations, GatewayTime time) {
        this.registry = registry;
        this.automations = List.copyOf(automations);
        this.clock = time.clock();
        this.acceleration = time.acceleration();
    }

    @Override
    public Future<?> start() {
        bus = vertx.eventBus();
        engine = new AutomationEngine(automations, (d, a) -> registry.state(d).flatMap(s -> s.value(a)),
                new VertxScheduler(vertx, context, clock, acceleration), this::send, this::ran);
        bus.<InboundMessage>consumer(Addresses.MQTT_INBOUND, m -> onInbound(m.body()));
        bus.<CommandRequested>consumer(Addresses.DEVICE_COMMAND, this::onCommandRequest);
        bus.<AutomationQuery.ListAll>consumer(Addresses.AUTOMATION_LIST, m -> m.reply(new AutomationQuery.Listing(engine.list())));
        bus.<AutomationQuery.RecentRuns>consumer(Addresses.AUTOMATION_RUNS, m ->
                m.reply(new AutomationQuery.Runs(engine.recentRuns(m.body().automation(), m.body().limit()))));
        bus.<AutomationQuery.Control>consumer(Addresses.AUTOMATION_CONTROL, this::onControl);
        return Future.succeededFuture();
    }

    /** The event loop that owns home state. */
    public io.vertx.core.Context context() {
        return context;
    }

    private void onInbound(InboundMessage m) {
        try {
            apply(m);
        } finally {
            // Commands this message caused were requested above, so they reach the outbox before this does.
            if (m.ackToken() != 0) bus.send(Addresses.MQTT_INBOUND_HANDLED, new InboundMessage.Handled(m.ackToken()));
        }
    }

    private void apply(InboundMessage m) {
        for (DeviceEvent event : registry.apply(m.topic(), m.payload(), m.receivedAt())) {
            if (event instanceof StateChanged change) {
                stateLog.info("{}.{}: {} -> {}", change.device(), change.attribute(),
                        change.previous().map(Object::toString).orElse("unknown"), change.value());
                bus.publish(Addresses.DEVICE_STATE_CHANGED, change);
                engine.onStateChanged(change);
            } else if (event instanceof AvailabilityChanged a) {
                stateLog.info("{} is {}", a.device(), a.current().name().toLowerCase());
                bus.publish(Addresses.DEVICE_AVAILABILITY_CHANGED, a);
            }
        }
    }

    private void onControl(Message<AutomationQuery.Control> m) {
        AutomationQuery.Control c = m.body();
        boolean known = c instanceof AutomationQuery.SetEnabled s
                ? engine.setEnabled(s.automation(), s.enabled())
                : engine.triggerNow(c.automation());
        if (known) m.reply(null);
        else m.fail(404, "no automation '" + c.automation() + "'");
    }

    private void onCommandRequest(Message<CommandRequested> request) {
        send(request.body()).onSuccess(v -> request.reply(null)).onFailure(e -> request.fail(400, e.getMessage()));
    }

    /** Validates, encodes and hands a command to the MQTT bridge; completes when the broker has it. */
    private Future<Void> send(CommandRequested command) {
        Optional<DeviceSpec> device = registry.spec(command.device());
        if (device.isEmpty()) return Future.failedFuture("unknown device " + command.device());
        CommandEncoder.Encoded encoded = CommandEncoder.encode(device.get(), command.set());
        if (encoded instanceof CommandEncoder.Invalid invalid) {
            log.warn("Command from {} refused: {}", command.origin(), invalid.problems());
            return Future.failedFuture(String.join("; ", invalid.problems()));
        }
        List<Publication> publications = ((CommandEncoder.Ok) encoded).publications();
        List<Future<Object>> acks = publications.stream()
                .map(p -> bus.request(Addresses.MQTT_PUBLISH, p.withKind(Publication.Kind.COMMAND), UNTIL_ACKNOWLEDGED).map(r -> (Object) null))
                .toList();
        return Future.all(acks).<Void>mapEmpty()
                .onFailure(e -> log.warn("Command {} for {} not delivered: {}", command.set(), command.device(), e.getMessage()));
    }

    private void ran(AutomationRun run) {
        if (run.outcome() == AutomationRun.Outcome.RAN) {
            log.info("Automation {} ran ({}): {}", run.automation(), run.trigger(), run.details());
        } else {
            log.info("Automation {} triggered ({}) but a condition failed: {}", run.automation(), run.trigger(), run.details());
        }
        bus.publish(Addresses.AUTOMATION_RUN, run);
    }
}
