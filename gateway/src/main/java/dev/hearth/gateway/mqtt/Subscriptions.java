package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.TopicFilter;
import io.vertx.core.Context;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The link's topic filters: all of them subscribed again on every connection (the session may be new),
 * new ones added and dropped ones removed while connected. Only the minimal cover is subscribed: a broker may
 * deliver a message once per matching subscription. Each filter is counted: it stays until everyone who asked
 * for it (a device's routes, an automation's mqtt trigger) has dropped it. Confined to the link's context.
 */
final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    private static final int SUBSCRIBE_BATCH = 100;

    private final Context context;
    /** How many asked for each filter; grows when automations are reloaded, changes as devices are discovered. */
    private final Map<String, Integer> topics = new LinkedHashMap<>();
    /** The connection subscribed on; null while the link is down. */
    private Session session;
    private int pendingBatches;

    Subscriptions(Context context, List<String> topics) {
        this.context = context;
        topics.forEach(t -> this.topics.merge(t, 1, Integer::sum));
    }

    int size() {
        return topics.size();
    }

    /** Subscribes every filter on {@code s}; {@code allConfirmed} runs once the broker confirmed all of them. */
    void subscribeAll(Session s, Runnable allConfirmed) {
        session = s;
        List<String> cover = TopicFilter.minimalCover(topics.keySet());
        pendingBatches = (cover.size() + SUBSCRIBE_BATCH - 1) / SUBSCRIBE_BATCH;
        if (pendingBatches == 0) allConfirmed.run();
        for (int i = 0; i < cover.size(); i += SUBSCRIBE_BATCH) {
            String[] batch = cover.subList(i, Math.min(cover.size(), i + SUBSCRIBE_BATCH)).toArray(String[]::new);
            subscribe(s, batch, t -> onSubscribed(s, batch, t, allConfirmed));
        }
    }

    /** The link dropped: the next connection subscribes the whole list. */
    void closed() {
        session = null;
    }

    /**
     * Adds topic filters and drops others: the broker's subscriptions follow now if the link is up, and on every
     * connection from now on. A filter someone else still asks for stays; {@code dropped} that were never added are
     * ignored. New subscriptions are confirmed before the ones they replace are removed, so no message falls between.
     */
    void change(List<String> added, List<String> dropped) {
        List<String> before = TopicFilter.minimalCover(topics.keySet());
        List<String> fresh = added.stream().filter(f -> topics.merge(f, 1, Integer::sum) == 1).distinct().toList();
        List<String> gone = dropped.stream().filter(this::release).toList();
        if (fresh.isEmpty() && gone.isEmpty()) return;
        List<String> after = TopicFilter.minimalCover(topics.keySet());
        String[] batch = after.stream().filter(f -> !before.contains(f)).toArray(String[]::new);
        String[] superseded = before.stream().filter(f -> !after.contains(f)).toArray(String[]::new);
        if (!fresh.isEmpty()) log.info("Subscribing to {} more topic filters: {}", fresh.size(), abbreviated(fresh));
        if (!gone.isEmpty()) log.info("Dropping {} topic filters: {}", gone.size(), abbreviated(gone));
        Session s = session;
        if (s == null) return;
        if (batch.length == 0) {
            unsubscribe(s, superseded);
            return;
        }
        subscribe(s, batch, t -> {
            logRefusals(batch, t);
            unsubscribe(s, superseded);
        });
    }

    /** One fewer asks for {@code filter}; true when nobody does any more. */
    private boolean release(String filter) {
        Integer count = topics.get(filter);
        if (count == null) return false;
        if (count > 1) {
            topics.put(filter, count - 1);
            return false;
        }
        topics.remove(filter);
        return true;
    }

    /** A home of hundreds of devices would otherwise write them all on one line. */
    private static String abbreviated(List<String> filters) {
        return filters.size() <= 10 ? filters.toString() : filters.subList(0, 10) + " and " + (filters.size() - 10) + " more";
    }

    private void subscribe(Session s, String[] batch, Paho.OnSuccess confirmed) {
        int[] qos = new int[batch.length];
        Arrays.fill(qos, 1);
        try {
            s.client().subscribe(batch, qos, null, Paho.onContext(context, confirmed,
                    e -> log.info("Subscribe interrupted: {}", e.getMessage())));
        } catch (MqttException e) {
            log.info("Subscribe interrupted: {}", e.getMessage());
        }
    }

    private void onSubscribed(Session s, String[] batch, IMqttToken token, Runnable allConfirmed) {
        if (s != session) return;
        logRefusals(batch, token);
        if (--pendingBatches == 0) allConfirmed.run();
    }

    /** Filters a broader new one covers (kept, they would deliver each of their messages a second time), or dropped ones. */
    private void unsubscribe(Session s, String[] superseded) {
        if (s != session || superseded.length == 0) return;
        try {
            s.client().unsubscribe(superseded);
        } catch (MqttException e) {
            log.info("Unsubscribe interrupted: {}", e.getMessage());
        }
    }

    private static void logRefusals(String[] batch, IMqttToken token) {
        int[] codes = token.getReasonCodes();
        for (int i = 0; codes != null && i < codes.length && i < batch.length; i++) {
            if (codes[i] >= 0x80) log.warn("Broker refused subscription to '{}' (reason code {})", batch[i], codes[i]);
        }
    }
}
