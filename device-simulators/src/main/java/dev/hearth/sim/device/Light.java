package dev.hearth.sim.device;

import dev.hearth.sim.mqtt.SimClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Colour bulb, as an IKEA LED1624G9 speaks: brightness 0-254, colour temperature 153-500 mired, colour as CIE
 * {@code {x, y}}. Applies the commands it understands and answers with its full new state
 * (the echo that tells a controller the command took effect), optionally late or never.
 */
public final class Light extends SimulatedDevice {
    private final AtomicInteger commands = new AtomicInteger();
    private final List<Consumer<Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile boolean ignoreCommands;

    public Light(SimClient client, DeviceTopics topics) {
        super(client, topics, Map.of("state", "OFF", "brightness", 254.0, "color_temp", 370.0));
    }

    public Light responseDelay(Duration delay) {
        this.responseDelay = delay;
        return this;
    }

    /** A light that ignores commands simulates a device that does not answer. */
    public Light ignoreCommands(boolean ignore) {
        this.ignoreCommands = ignore;
        return this;
    }

    public void onCommand(Consumer<Map<String, Object>> listener) {
        listeners.add(listener);
    }

    /** Someone flips the wall switch: the light changes and reports without a command. */
    public void switchLocally(boolean on) {
        update(Map.of("state", on ? "ON" : "OFF"));
    }

    public String state() {
        return (String) get("state");
    }

    public int brightness() {
        return (int) number("brightness");
    }

    public int colorTemp() {
        return (int) number("color_temp");
    }

    public int commandsReceived() {
        return commands.get();
    }

    @Override
    protected boolean acceptsCommands() {
        return true;
    }

    @Override
    protected void handleCommand(Map<String, Object> command) {
        commands.incrementAndGet();
        listeners.forEach(l -> l.accept(Map.copyOf(command)));
        if (ignoreCommands) {
            return;
        }
        Map<String, Object> changes = changesFor(command);
        if (responseDelay.isZero()) {
            update(changes);
        } else {
            schedule(() -> update(changes), responseDelay);
        }
    }

    private Map<String, Object> changesFor(Map<String, Object> command) {
        Map<String, Object> changes = new HashMap<>();
        Attributes.upper(command.get("state")).ifPresent(s -> switchTo(s, changes));
        Attributes.number(command.get("brightness"))
                .ifPresent(b -> changes.put("brightness", (double) Math.round(Attributes.clamp(b, 0, 254))));
        Attributes.number(command.get("color_temp"))
                .ifPresent(c -> changes.put("color_temp", (double) Math.round(Attributes.clamp(c, 153, 500))));
        Attributes.xy(command.get("color")).ifPresent(xy -> changes.put("color", xy));
        return changes;
    }

    private void switchTo(String requested, Map<String, Object> changes) {
        switch (requested) {
            case "ON", "OFF" -> changes.put("state", requested);
            case "TOGGLE" -> changes.put("state", "ON".equals(state()) ? "OFF" : "ON");
            default -> { } // unknown values are ignored, as Zigbee2MQTT does
        }
    }
}
