package dev.hearth.sim.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.function.BiConsumer;

/**
 * A Paho callback for raw clients that only read messages (tests, the benchmark's load client).
 * A handler's exception is reported and swallowed: escaping into Paho would shut the client down.
 */
public record MessageCallback(BiConsumer<String, MqttMessage> onMessage) implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            onMessage.accept(topic, message);
        } catch (RuntimeException e) {
            System.err.println("message handler failed on " + topic + ": " + e);
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
