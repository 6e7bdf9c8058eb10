package dev.hearth.gateway.mqtt;

import dev.hearth.gateway.message.TopicFilter;
import io.vertx.core.Context;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The link's topic filters: all of them subscribed again on every connection (the session may be new),
 * new ones added while connected. Only the minimal cover is subscribed: a broker may deliver a message
 * once per matching subscription. Confined to the link's context.
 */
final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    private static final int SUBSCRIBE_BATCH = 100;

    private final Context context;
    /** Grows when automations are reloaded. */
    private final List<String> topics;
    /** The connection subscribed on; null while the link is down. */
    private Session session;
    private int pendingBatches;

    Subscriptions(Context context, List<String> topics) {
        this.context = context;
        this.topics = new ArrayList<>(new LinkedHashSet<>(topics));
    }

    int size() {
        return topics.size();
    }

    /** Subscribes every filter on {@code s}; {@code allConfirmed} runs once the broker confirmed all of them. */
    void subscribeAll(Session s, Runnable allConfirmed) {
        session = s;
        List<String> cover = TopicFilter.minimalCover(topics);
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

    /** Adds topic filters: subscribed now if the link is up, and on every connection from now on. */
    void add(List<String> filters) {
        List<String> fresh = filters.stream().distinct().filter(f -> !topics.contains(f)).toList();
        if (fresh.isEmpty()) return;
        List<String> before = TopicFilter.minimalCover(topics);
        topics.addAll(fresh);
        List<String> after = TopicFilter.minimalCover(topics);
        String[] batch = after.stream().filter(f -> !before.contains(f)).toArray(String[]::new);
        String[] superseded = before.stream().filter(f -> !after.contains(f)).toArray(String[]::new);
        log.info("Subscribing to {} more topic filters: {}", fresh.size(), fresh);
        Session s = session;
        if (s == null || batch.length == 0) return;
        subscribe(s, batch, t -> {
            logRefusals(batch, t);
            unsubscribe(s, superseded);
        });
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

    /** Filters a broader new one covers: kept, they would deliver each of their messages a second time. */
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
