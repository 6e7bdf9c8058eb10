package dev.hearth.gateway.discovery.tasmota;

import java.util.List;
import java.util.Objects;

/**
 * A Tasmota device as its retained {@code tasmota/discovery/<MAC>/config} describes it, with its topics worked
 * out from the full topic {@code ft} ({@code %prefix%}, {@code %topic%}, {@code %hostname%}, {@code %id%}) and
 * the prefixes {@code tp}.
 */
public record TasmotaConfig(String mac, String topic, String deviceName, String model, String swVersion,
                            List<Relay> relays, String availabilityTopic, String online, String offline,
                            String sensorTopic) {
    /**
     * One relay (or a light's power, {@code rl} 2): {@code name} is what Tasmota calls it in its messages
     * ({@code POWER} when the device has one, else {@code POWER1}…), {@code stateTopic} where it reports it as text,
     * {@code commandTopic} where it takes {@code on}/{@code off}.
     */
    public record Relay(String name, String friendlyName, String stateTopic, String commandTopic, String on, String off) {
    }

    public TasmotaConfig {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(topic, "topic");
        relays = List.copyOf(relays);
    }
}
