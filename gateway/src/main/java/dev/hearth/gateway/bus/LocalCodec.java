package dev.hearth.gateway.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/** Pass-through codec for {@link LocalMessage} records; they are immutable, so sharing is safe. */
public final class LocalCodec implements MessageCodec<LocalMessage, LocalMessage> {
    public static final String NAME = "hearth-local";

    /** Registers the codec and routes every {@link LocalMessage} through it. */
    public static void install(EventBus bus) {
        bus.registerCodec(new LocalCodec());
        bus.codecSelector(body -> body instanceof LocalMessage ? NAME : null);
    }

    @Override
    public void encodeToWire(Buffer buffer, LocalMessage message) {
        throw new UnsupportedOperationException("Hearth messages are local to one JVM: " + message.getClass().getName());
    }

    @Override
    public LocalMessage decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException("Hearth messages are local to one JVM");
    }

    @Override
    public LocalMessage transform(LocalMessage message) {
        return message;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
