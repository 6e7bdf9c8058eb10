package dev.hearth.gateway.mqtt;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;

/**
 * One connected Paho client of the link. Each connection gets a fresh client and generation; the parts of
 * the link keep the session they work on and ignore callbacks of any other, so a late answer of a dropped
 * client never touches the state of the next.
 */
record Session(MqttAsyncClient client, int generation) {
}
