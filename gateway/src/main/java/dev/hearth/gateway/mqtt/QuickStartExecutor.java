package dev.hearth.gateway.mqtt;

import org.eclipse.paho.mqttv5.client.internal.CommsCallback;
import org.eclipse.paho.mqttv5.client.internal.CommsReceiver;
import org.eclipse.paho.mqttv5.client.internal.CommsSender;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The threads of one link's Paho clients, without Paho's start-up naps. Paho 1.2.5 starts each of
 * its three loops (callback, receiver, sender) as {@code submit(loop); while (!loop.isRunning())
 * Thread.sleep(100)}, holding the lock the new loop needs to mark itself running: the first check
 * always fails, so every connect sleeps ~300 ms before CONNECT is even sent (measured: 210–430 ms
 * per connect on loopback). Given to Paho as its executor, this one watches each loop it is handed
 * and, once the loop runs, interrupts the starter's nap; Paho's wait loop catches the interrupt and
 * checks again. Only a starter seen inside that very nap is interrupted.
 */
final class QuickStartExecutor extends ScheduledThreadPoolExecutor {
    /** Past this, the starter has woken by itself anyway. */
    private static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(150);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Three loops and the connect task of the current client, of a client still closing, a ping and the watchers. */
    private static final int THREADS = 12;

    private final AtomicInteger wakeUps = new AtomicInteger();
    /** The receiver loop of the newest client: the one of the current connection. */
    private volatile CommsReceiver receiver;

    QuickStartExecutor(String name) {
        super(THREADS, daemons(name));
        setKeepAliveTime(30, TimeUnit.SECONDS);
        allowCoreThreadTimeOut(true);
    }

    @Override
    public Future<?> submit(Runnable task) {
        if (task instanceof CommsReceiver r) receiver = r;
        Future<?> submitted = super.submit(task);
        BooleanSupplier running = runningCheck(task);
        if (running != null) wakeWhenRunning(Thread.currentThread(), task.getClass().getName(), running);
        return submitted;
    }

    /** Whether the newest client's receiver loop runs (reads what the broker sends); false before any. */
    boolean receiverRunning() {
        CommsReceiver r = receiver;
        return r != null && r.isRunning();
    }

    /** How many of Paho's start-up naps were cut short. */
    int wakeUps() {
        return wakeUps.get();
    }

    private static BooleanSupplier runningCheck(Runnable task) {
        if (task instanceof CommsCallback c) return c::isRunning;
        if (task instanceof CommsReceiver r) return r::isRunning;
        if (task instanceof CommsSender s) return s::isRunning;
        return null;
    }

    private void wakeWhenRunning(Thread starter, String loop, BooleanSupplier running) {
        long deadline = System.nanoTime() + WATCH_NANOS;
        execute(() -> {
            while (System.nanoTime() < deadline) {
                if (running.getAsBoolean() && nappingIn(starter, loop)) {
                    starter.interrupt();
                    wakeUps.incrementAndGet();
                    return;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        });
    }

    /** True while {@code starter} sleeps in {@code loop}'s start(), the only place an interrupt is expected. */
    private static boolean nappingIn(Thread starter, String loop) {
        if (starter.getState() != Thread.State.TIMED_WAITING) return false;
        StackTraceElement[] stack = starter.getStackTrace();
        return stack.length > 1 && stack[0].getClassName().equals(Thread.class.getName())
                && stack[0].getMethodName().equals("sleep")
                && stack[1].getClassName().equals(loop) && stack[1].getMethodName().equals("start");
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
