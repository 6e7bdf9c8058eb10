package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.EventReported;
import dev.hearth.gateway.device.StateChanged;

import java.util.HashMap;
import java.util.Map;

/**
 * Something that happened which triggers may watch. The engine offers it to the triggers filed under its
 * {@link #key()} (see {@link Trigger#key()}), and to the runs waiting for a trigger.
 */
public sealed interface TriggerEvent {
    /** The triggers that watch this event are filed under an equal key. */
    Object key();

    /** The {@code trigger} variable of the runs it starts: built only when one fires. */
    Map<String, Object> data();

    /** Why a pending hold ended at this event, for its trace. */
    default String interruption() {
        return toString();
    }

    /** A key of events about one device: the kind of event and the device. */
    record DeviceKey(Class<? extends TriggerEvent> kind, DeviceId device) {
    }

    /** An attribute changed; filed under its {@link AttributeRef} itself, so the hot path allocates no other key. */
    record StateChange(AttributeRef ref, StateChanged change) implements TriggerEvent {
        public StateChange(StateChanged change) {
            this(new AttributeRef(change.device(), change.attribute()), change);
        }

        @Override
        public Object key() {
            return ref;
        }

        @Override
        public Map<String, Object> data() {
            Map<String, Object> data = new HashMap<>();
            data.put("kind", "state");
            data.put("device", change.device().value());
            data.put("attribute", change.attribute());
            change.previous().ifPresent(p -> data.put("from", p.plain()));
            data.put("to", change.value().plain());
            return data;
        }

        @Override
        public String interruption() {
            return ref + " changed to " + change.value();
        }
    }

    record AvailabilityChange(AvailabilityChanged change) implements TriggerEvent {
        public static DeviceKey key(DeviceId device) {
            return new DeviceKey(AvailabilityChange.class, device);
        }

        @Override
        public Object key() {
            return key(change.device());
        }

        @Override
        public Map<String, Object> data() {
            return Map.of("kind", "availability", "device", change.device().value(),
                    "from", change.previous().name().toLowerCase(), "to", change.current().name().toLowerCase());
        }

        @Override
        public String interruption() {
            return change.device() + " became " + change.current().name().toLowerCase();
        }
    }

    /** A button or remote reported an event ({@code action: single}): every report is one. */
    record Occurrence(EventReported event) implements TriggerEvent {
        public static DeviceKey key(DeviceId device) {
            return new DeviceKey(Occurrence.class, device);
        }

        @Override
        public Object key() {
            return key(event.device());
        }

        @Override
        public Map<String, Object> data() {
            return Map.of("kind", "event", "device", event.device().value(), "attribute", event.attribute(), "event", event.event());
        }

        @Override
        public String interruption() {
            return event.device() + " sent " + event.event();
        }
    }

    /** A device sent something, changed or not. */
    record DeviceSeen(DeviceId device) implements TriggerEvent {
        public static DeviceKey key(DeviceId device) {
            return new DeviceKey(DeviceSeen.class, device);
        }

        @Override
        public Object key() {
            return key(device);
        }

        @Override
        public Map<String, Object> data() {
            return Map.of("kind", "silent", "device", device.value());
        }
    }

    /** A message on any topic the gateway receives; every MQTT trigger is filed under this class. */
    record MqttMessage(String topic, String text) implements TriggerEvent {
        @Override
        public Object key() {
            return MqttMessage.class;
        }

        @Override
        public Map<String, Object> data() {
            return Map.of("kind", "mqtt", "topic", topic, "payload", text);
        }
    }

    /** A command to {@code device} was never confirmed; every command_failed trigger is filed under this class. */
    record CommandFailure(DeviceId device) implements TriggerEvent {
        @Override
        public Object key() {
            return CommandFailure.class;
        }

        @Override
        public Map<String, Object> data() {
            return Map.of("kind", "command_failed", "device", device.value());
        }
    }

    /** The gateway started, or its broker connection was lost or restored; filed under the event itself. */
    record GatewayStatus(GatewayTrigger.Event event) implements TriggerEvent {
        @Override
        public Object key() {
            return event;
        }

        @Override
        public Map<String, Object> data() {
            return Map.of("kind", "gateway", "event", event.name().toLowerCase());
        }
    }
}
