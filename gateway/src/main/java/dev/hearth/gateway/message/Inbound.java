package dev.hearth.gateway.message;

import dev.hearth.gateway.bus.LocalMessage;

/**
 * What the MQTT bridge sends the core on {@code hearth.mqtt.inbound}, in the order it happened on the
 * connection: one address, so the core also sees it in that order.
 */
public sealed interface Inbound extends LocalMessage permits InboundMessage, RetainedSettled {
}
