package dev.hearth.gateway.discovery.tasmota;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Tasmota device as its retained {@code tasmota/discovery/<MAC>/config} describes it, with its topics worked
 * out from the full topic {@code ft} ({@code %prefix%}, {@code %topic%}, {@code %hostname%}, {@code %id%}) and
 * the prefixes {@code tp}.
 */
public record TasmotaConfig(String mac, String topic, String deviceName, String model, String swVersion,
                            List<Relay> relays, String availabilityTopic, String online, String offline,
                            String sensorTopic, List<Button> buttons, List<Switch> switches) {
    /**
     * One relay (or a light's power, {@code rl} 2): {@code name} is what Tasmota calls it in its messages
     * ({@code POWER} when the device has one, else {@code POWER1}…), {@code stateTopic} where it reports it as text,
     * {@code commandTopic} where it takes {@code on}/{@code off}.
     */
    public record Relay(String name, String friendlyName, String stateTopic, String commandTopic, String on, String off) {
    }

    /**
     * A button that sends its presses over MQTT (SetOption73): {@code {"Button1":{"Action":"SINGLE"}}} on
     * {@code topic} ({@code stat/<t>/RESULT}); {@code actions} maps Tasmota's action to Hearth's event, as the
     * button's options (SetOption11 swaps single and double, SetOption13 sends single only) make them.
     */
    public record Button(int number, String topic, Map<String, String> actions) {
        public Button {
            actions = Map.copyOf(actions);
        }
    }

    /**
     * A switch (a GPIO configured as one, {@code swc} its SwitchMode) whose actions come as
     * {@code {"<name>":{"Action":"TOGGLE"}}} on {@code topic} ({@code stat/<t>/RESULT}): detached with SetOption114, or
     * with a SwitchTopic. {@code name} is {@code swn}, or {@code Switch<n>}; {@code actions} maps the device's state
     * texts to Hearth's events as the mode makes them.
     */
    public record Switch(int number, String name, String topic, Map<String, String> actions) {
        public Switch {
            actions = Map.copyOf(actions);
        }
    }

    public TasmotaConfig {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(topic, "topic");
        relays = List.copyOf(relays);
        buttons = List.copyOf(buttons);
        switches = List.copyOf(switches);
    }
}
