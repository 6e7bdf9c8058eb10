package dev.hearth.sim.fault;

import dev.hearth.sim.device.Convention;
import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.device.TemperatureSensor;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes one simulated temperature sensor misbehave. Payload faults are published on the
 * device's own topics; link faults cut its connection through a {@link TcpProxy} so the broker,
 * not the simulator, announces it offline.
 */
public final class FaultInjector implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DeviceTopics topics;
    private final TcpProxy proxy;
    private final TemperatureSensor device;

    public FaultInjector(String brokerUrl, DeviceTopics topics) {
        this.topics = topics;
        URI uri = URI.create(brokerUrl);
        this.proxy = new TcpProxy(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort());
        this.device = new TemperatureSensor(new SimClient(proxy.url(), "fault-" + topics.base().replace('/', '_')),
                topics);
        device.start();
    }

    /** Injects the fault and returns a line per thing it did, for the user. */
    public List<String> inject(Fault fault) {
        if (!device.client().awaitConnected(TIMEOUT)) {
            throw new IllegalStateException("device could not connect to the broker");
        }
        return dispatch(fault);
    }

    // Java 17 has no pattern switch; the sealed interface keeps this chain complete by review.
    private List<String> dispatch(Fault fault) {
        if (fault instanceof Fault.MalformedJson) {
            return publish(malformed());
        } else if (fault instanceof Fault.WrongType) {
            return publish(text(wrongType()));
        } else if (fault instanceof Fault.Oversize oversize) {
            return publish(text(oversize(oversize.bytes())));
        } else if (fault instanceof Fault.Duplicate) {
            return duplicate();
        } else if (fault instanceof Fault.OutOfOrder) {
            return outOfOrder();
        } else if (fault instanceof Fault.Offline) {
            return new LinkFaults(proxy, device.client()).offline();
        } else if (fault instanceof Fault.Flap flap) {
            return new LinkFaults(proxy, device.client()).flap(flap.times(), flap.pause());
        }
        throw new IllegalArgumentException("unsupported fault " + fault);
    }

    /** True once everything injected so far has left the device (acknowledged by the broker). */
    public boolean awaitSent(Duration timeout) {
        return device.client().awaitIdle(timeout);
    }

    public DeviceTopics topics() {
        return topics;
    }

    @Override
    public void close() {
        device.shutdown();
        proxy.close();
    }

    private String valueTopic() {
        return topics.convention() == Convention.ZIGBEE2MQTT
                ? topics.stateTopic() : topics.attributeTopic("temperature");
    }

    private byte[] malformed() {
        return topics.convention() == Convention.ZIGBEE2MQTT
                ? text("{\"temperature\":21.5,\"humidity\":")
                : new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
    }

    private String wrongType() {
        return topics.convention() == Convention.ZIGBEE2MQTT
                ? new JsonObject().put("temperature", "warm").put("humidity", true).put("battery", "full").encode()
                : "warm";
    }

    private String oversize(int bytes) {
        String skeleton = topics.convention() == Convention.ZIGBEE2MQTT
                ? new JsonObject().put("temperature", 21.5).put("padding", "").encode() : "";
        String padding = "x".repeat(Math.max(0, bytes - skeleton.length()));
        return topics.convention() == Convention.ZIGBEE2MQTT
                ? new JsonObject().put("temperature", 21.5).put("padding", padding).encode()
                : "21.5" + " ".repeat(Math.max(0, bytes - 4));
    }

    private List<String> duplicate() {
        String payload = topics.convention() == Convention.ZIGBEE2MQTT
                ? new JsonObject().put("temperature", 21.5).put("humidity", 50).encode() : "21.5";
        List<String> done = new ArrayList<>(publish(text(payload)));
        done.addAll(publish(text(payload)));
        return done;
    }

    private List<String> outOfOrder() {
        if (topics.convention() != Convention.ZIGBEE2MQTT) {
            throw new IllegalArgumentException("out-of-order needs timestamps: use a zigbee2mqtt device");
        }
        Instant newer = Instant.now();
        Instant older = newer.minusSeconds(60);
        List<String> done = new ArrayList<>(publish(text(reading(22.0, newer))));
        done.addAll(publish(text(reading(19.0, older))));
        return done;
    }

    private static String reading(double temperature, Instant lastSeen) {
        return new JsonObject().put("temperature", temperature).put("last_seen", lastSeen.toString()).encode();
    }

    private List<String> publish(byte[] payload) {
        device.client().publish(valueTopic(), payload, 1, false);
        return List.of("published " + payload.length + " bytes to " + valueTopic());
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
