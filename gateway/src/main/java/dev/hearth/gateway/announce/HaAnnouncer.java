package dev.hearth.gateway.announce;

import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.message.ConnectionChanged;
import dev.hearth.gateway.message.InboundMessage;
import dev.hearth.gateway.message.Publication;
import dev.hearth.gateway.outbox.OutboxStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Announces Hearth to Home Assistant ({@link HaAnnouncement}) whenever the broker link comes up and automations are
 * reloaded, keeps the automations' switch states and the outbox backlog current (every {@link #REFRESH}), and carries
 * Home Assistant's commands (on {@code hearth.homeassistant.inbound}) to the automation core. The gateway subscribes
 * to {@link HaAnnouncement#subscriptions} from the start.
 */
public final class HaAnnouncer extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(HaAnnouncer.class);
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(5_000);

    private final HaAnnouncement announcement;
    private final Function<Publication, Future<Void>> publisher;
    /** Enabled flags as last published, by automation id. */
    private Map<String, Boolean> published = new HashMap<>();
    private boolean listed;
    /** The retained list of an earlier run, when it came before the first listing. */
    private Optional<Set<String>> pendingAnnounced = Optional.empty();
    private long lastBacklog = -1;

    /** {@code publisher}: the outbox's way to the broker (completes on the broker's acknowledgement). */
    public HaAnnouncer(AnnounceSettings settings, Function<Publication, Future<Void>> publisher) {
        this.announcement = new HaAnnouncement(settings);
        this.publisher = publisher;
    }

    /** The prefix of the topics whose messages the home hands on here ({@code <base>/ha/}). */
    public String handedOn() {
        return announcement.ownTopics();
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<ConnectionChanged>consumer(Addresses.MQTT_CONNECTION, m -> {
            if (m.body().connected()) announce();
        });
        bus.consumer(Addresses.AUTOMATION_RELOADED, m -> listAutomations());
        bus.<InboundMessage>consumer(Addresses.HOMEASSISTANT_INBOUND, m -> inbound(m.body()));
        vertx.setPeriodic(REFRESH.toMillis(), id -> refresh());
        return Future.succeededFuture();
    }

    private void announce() {
        announcement.gateway().forEach(this::publish);
        lastBacklog = -1;
        listed = false;
        listAutomations();
        backlog();
    }

    private void refresh() {
        listAutomations();
        backlog();
    }

    /** Configs of automations not announced yet (or announced before this connection), and states that changed. */
    private void listAutomations() {
        vertx.eventBus().<AutomationQuery.Listing>request(Addresses.AUTOMATION_LIST, new AutomationQuery.ListAll(), QUICK)
                .onSuccess(reply -> announce(reply.body().automations()))
                .onFailure(e -> log.debug("Automations not listed for Home Assistant: {}", e.getMessage()));
    }

    private void announce(List<AutomationQuery.Info> automations) {
        Set<String> ids = new LinkedHashSet<>();
        automations.forEach(a -> ids.add(a.id()));
        if (!listed || !ids.equals(published.keySet())) {
            // Gone since the last listing of this run; those of an earlier run come with the retained list.
            Set<String> gone = new LinkedHashSet<>(published.keySet());
            gone.removeAll(ids);
            announcement.cleared(gone).forEach(this::publish);
            announcement.automations(automations).forEach(this::publish);
        } else {
            automations.stream().filter(a -> published.get(a.id()) != a.enabled())
                    .forEach(a -> publish(announcement.state(a.id(), a.enabled())));
        }
        published = new HashMap<>();
        automations.forEach(a -> published.put(a.id(), a.enabled()));
        listed = true;
        pendingAnnounced.ifPresent(this::clearStale);
        pendingAnnounced = Optional.empty();
    }

    private void backlog() {
        vertx.eventBus().<OutboxStatus>request(Addresses.OUTBOX_STATUS, new OutboxStatus.Query(), QUICK).onSuccess(reply -> {
            long queued = reply.body().queued();
            if (queued != lastBacklog) publish(announcement.outboxBacklog(queued));
            lastBacklog = queued;
        });
    }

    private void inbound(InboundMessage m) {
        if (m.topic().equals(announcement.announcedTopic())) {
            Set<String> before = HaAnnouncement.announced(m.payload());
            if (listed) clearStale(before);
            else pendingAnnounced = Optional.of(before);
            return;
        }
        announcement.command(m.topic(), m.payload()).ifPresentOrElse(this::control,
                () -> log.info("Home Assistant command on {} not understood: '{}'", m.topic(), abbreviated(m.payload())));
    }

    /** What an earlier run announced and is gone now: cleared, so Home Assistant drops it. */
    private void clearStale(Set<String> announcedBefore) {
        Set<String> gone = new LinkedHashSet<>(announcedBefore);
        gone.removeAll(published.keySet());
        if (gone.isEmpty()) return;
        log.info("Home Assistant: removing {} automations announced before and gone now: {}", gone.size(), gone);
        announcement.cleared(gone).forEach(this::publish);
    }

    private void control(AutomationQuery.Control control) {
        vertx.eventBus().request(Addresses.AUTOMATION_CONTROL, control, QUICK)
                .onSuccess(ok -> listAutomations())
                .onFailure(e -> log.warn("Home Assistant asked for {} on automation '{}': {}", describe(control),
                        control.automation(), e.getMessage()));
    }

    private void publish(Publication p) {
        publisher.apply(p).onFailure(e -> log.debug("Home Assistant announcement {} not delivered: {}", p.topic(), e.getMessage()));
    }

    private static String describe(AutomationQuery.Control c) {
        return c instanceof AutomationQuery.SetEnabled s ? (s.enabled() ? "enable" : "disable") : "run now";
    }

    private static String abbreviated(byte[] payload) {
        String s = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
