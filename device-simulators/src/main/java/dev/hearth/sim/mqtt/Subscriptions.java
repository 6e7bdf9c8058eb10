package dev.hearth.sim.mqtt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registered topic filters and their handlers; routing is ours because Paho gets one global callback. */
final class Subscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private static final String SHARE = "$share/";

    private final Map<String, List<BiConsumer<String, byte[]>>> handlers = new ConcurrentHashMap<>();

    /** Returns true if the filter is new (and so must be subscribed at the broker). */
    boolean add(String filter, BiConsumer<String, byte[]> handler) {
        MqttTopicValidator.validate(filter, true, true);
        boolean[] fresh = {false};
        handlers.computeIfAbsent(filter, f -> {
            fresh[0] = true;
            return new CopyOnWriteArrayList<>();
        }).add(handler);
        return fresh[0];
    }

    String[] filters() {
        return handlers.keySet().toArray(String[]::new);
    }

    void dispatch(String topic, byte[] payload) {
        handlers.forEach((filter, list) -> {
            if (MqttTopicValidator.isMatched(topicFilter(filter), topic)) {
                list.forEach(handler -> invoke(handler, topic, payload));
            }
        });
    }

    /** The filter messages are matched against: a shared subscription's ({@code $share/<group>/<filter>}) without its prefix. */
    static String topicFilter(String filter) {
        if (!filter.startsWith(SHARE)) return filter;
        int slash = filter.indexOf('/', SHARE.length());
        return slash < 0 ? filter : filter.substring(slash + 1);
    }

    private static void invoke(BiConsumer<String, byte[]> handler, String topic, byte[] payload) {
        try {
            handler.accept(topic, payload);
        } catch (RuntimeException e) {
            LOG.warn("handler for {} failed: {}", topic, e.toString());
        }
    }
}
