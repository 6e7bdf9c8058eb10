package dev.hearth.gateway.uplink;

import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandBody;
import dev.hearth.gateway.commands.CommandConfirmed;
import dev.hearth.gateway.commands.CommandFailed;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.RequestProperties;
import dev.hearth.gateway.uplink.RemoteReply.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remote commands from the fleet's broker ({@code uplink.remote_control}): each is checked against the allow-list,
 * its message expiry and the requests already taken, then goes the HTTP API's way (the same body reading, the same
 * requests on the bus, so the core validates it as it validates the API's), and is answered on its response topic
 * ({@link RemoteReplies}). Runs on the uplink's context.
 */
final class RemoteCommands {
    private static final Logger log = LoggerFactory.getLogger(RemoteCommands.class);
    /** As the API: with the local broker up, the command is acknowledged well within this; otherwise it is queued. */
    private static final DeliveryOptions COMMAND_WAIT = new DeliveryOptions().setSendTimeout(5_000);
    static final int REMEMBERED = 10_000;
    static final String ORIGIN = "uplink#";

    private final EventBus bus;
    private final DeviceRegistry registry;
    private final FleetTopics topics;
    private final RemoteControl allowed;
    private final RemoteReplies replies;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SeenRequests seen = new SeenRequests(REMEMBERED);
    /** Device commands accepted and not yet confirmed or failed, by their origin tag; the oldest are dropped. */
    private final Map<String, RequestProperties> unconfirmed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RequestProperties> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long sequence;

    RemoteCommands(EventBus bus, DeviceRegistry registry, FleetTopics topics, RemoteControl allowed, RemoteReplies replies,
                   Clock clock, MeterRegistry meters) {
        this.bus = bus;
        this.registry = registry;
        this.topics = topics;
        this.allowed = allowed;
        this.replies = replies;
        this.clock = clock;
        this.meters = meters;
    }

    /** Listens for the devices' confirmations of the commands this class sent. */
    void register() {
        bus.<CommandConfirmed>consumer(Addresses.DEVICE_COMMAND_CONFIRMED, m -> settled(m.body().origin(),
                new RemoteReply(RemoteReply.Status.DELIVERED, Optional.empty(), "confirmed by the device after " + m.body().took().toMillis() + " ms")));
        bus.<CommandFailed>consumer(Addresses.DEVICE_COMMAND_FAILED, m -> settled(m.body().origin(),
                new RemoteReply(RemoteReply.Status.FAILED, Optional.empty(), "the device never confirmed it (" + m.body().attempts() + " attempts)")));
    }

    void receive(InboundMessage m) {
        RequestProperties asker = m.request();
        RemoteCommand parsed = topics.command(m.topic());
        if (parsed instanceof RemoteCommand.Unreadable u) {
            refuse(m, Reason.INVALID, u.why());
        } else if (!allowed.allows(parsed)) {
            refuse(m, Reason.NOT_ALLOWED, "not allowed by uplink.remote_control");
        } else if (asker.expiresIn().isPresent() && clock.instant().isAfter(m.receivedAt().plus(asker.expiresIn().get()))) {
            refuse(m, Reason.EXPIRED, "its message expiry passed before it could run");
        } else if (!asker.correlated()) {
            refuse(m, Reason.INVALID, "a remote command needs correlation data: they tell a repeated delivery from a new command");
        } else if (!seen.firstTime(asker.correlationData())) {
            refuse(m, Reason.DUPLICATE, "a command with these correlation data was already taken");
        } else if (parsed instanceof RemoteCommand.Device d) {
            device(d, m);
        } else {
            automation((RemoteCommand.Automation) parsed, m);
        }
    }

    private void device(RemoteCommand.Device d, InboundMessage m) {
        Optional<DeviceSpec> spec = DeviceId.isValid(d.device()) ? registry.spec(new DeviceId(d.device())) : Optional.empty();
        if (spec.isEmpty()) {
            refuse(m, Reason.UNKNOWN, "no device '" + d.device() + "'");
            return;
        }
        Map<String, Value> values;
        try {
            values = CommandBody.values(spec.get(), new JsonObject(new String(m.payload(), StandardCharsets.UTF_8)).getMap());
        } catch (CommandBody.Invalid | DecodeException | ClassCastException e) {
            refuse(m, Reason.INVALID, e instanceof CommandBody.Invalid ? e.getMessage() : "the payload must be a JSON object {\"set\": {...}}");
            return;
        }
        String origin = ORIGIN + ++sequence;
        unconfirmed.put(origin, m.request());
        bus.request(Addresses.DEVICE_COMMAND, new CommandRequested(spec.get().id(), values, origin), COMMAND_WAIT)
                .onSuccess(r -> accept(m, "handed to the local broker"))
                .onFailure(e -> {
                    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT) {
                        accept(m, "queued; waiting for the local broker");
                        return;
                    }
                    unconfirmed.remove(origin);
                    boolean busy = e instanceof ReplyException r && r.failureCode() == 503;
                    refuse(m, busy ? Reason.BUSY : Reason.INVALID, e.getMessage());
                });
    }

    private void automation(RemoteCommand.Automation a, InboundMessage m) {
        AutomationQuery.Control control = switch (a.action()) {
            case ENABLE -> new AutomationQuery.SetEnabled(a.automation(), true);
            case DISABLE -> new AutomationQuery.SetEnabled(a.automation(), false);
            case RUN -> new AutomationQuery.TriggerNow(a.automation());
        };
        bus.request(Addresses.AUTOMATION_CONTROL, control)
                .onSuccess(r -> accept(m, "done"))
                .onFailure(e -> refuse(m, e instanceof ReplyException r && r.failureCode() == 404 ? Reason.UNKNOWN : Reason.INVALID,
                        e.getMessage()));
    }

    private void settled(String origin, RemoteReply reply) {
        RequestProperties asker = origin.startsWith(ORIGIN) ? unconfirmed.remove(origin) : null;
        if (asker != null) replies.send(asker, reply);
    }

    private void accept(InboundMessage m, String message) {
        meters.counter("hearth.uplink.remote.accepted").increment();
        replies.send(m.request(), RemoteReply.accepted(message));
    }

    private void refuse(InboundMessage m, Reason reason, String why) {
        meters.counter("hearth.uplink.remote.refused", "reason", RemoteReply.name(reason)).increment();
        if (reason == Reason.NOT_ALLOWED) log.warn("Refused remote command on {}: {}", m.topic(), why);
        else log.info("Refused remote command on {}: {}", m.topic(), why);
        replies.send(m.request(), RemoteReply.refused(reason, why));
    }
}
