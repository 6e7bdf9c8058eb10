package dev.hearth.gateway.runtime;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps the connections the HTTP server holds where they are accepted, on the acceptor thread: one past the cap is
 * reset (RST) at once, before it reaches an event loop, so it never gets a pipeline, an HTTP codec or a connection
 * object. Closing it later, as an HTTP connection, made a flood of 20,000 slow clients pile up in the heap of the
 * one event loop that automations and MQTT share (issue 14 item 11). Sits on the server channel's pipeline
 * ({@link GatedTransport}), where each accepted channel passes before it is registered.
 */
@ChannelHandler.Sharable
public final class AcceptGate extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AcceptGate.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private volatile int max = Integer.MAX_VALUE;

    /** Holds at most {@code maxConnections} from now on ({@code http.limits.max_connections}). */
    public void limit(int maxConnections) {
        max = maxConnections;
    }

    /** Connections accepted and not yet closed. */
    public int open() {
        return open.get();
    }

    public long refused() {
        return refused.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Channel accepted)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            reset(accepted);
            return;
        }
        accepted.closeFuture().addListener(f -> open.decrementAndGet());
        ctx.fireChannelRead(accepted);
    }

    private void reset(Channel accepted) {
        refused.incrementAndGet();
        try {
            accepted.config().setOption(ChannelOption.SO_LINGER, 0);
        } finally {
            accepted.unsafe().closeForcibly();
        }
        warnFull();
    }

    /** At most one line a minute however many arrive: the log must not become the next thing to fill up. */
    private void warnFull() {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last < LOG_EVERY_NANOS || !lastWarning.compareAndSet(last, now)) return;
        log.warn("HTTP connection limit reached ({} open, http.limits.max_connections); {} refused so far",
                open.get(), refused.get());
    }
}
