package dev.hearth.gateway.message;

import dev.hearth.gateway.bus.LocalMessage;

/**
 * What the broker link hands the home, in the order it happened on the connection: one stream, so the
 * home also sees it in that order (a {@link RetainedSettled} after the retained messages it marks).
 */
public sealed interface Inbound extends LocalMessage permits InboundMessage, RetainedSettled {
}
