package dev.hearth.gateway.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.PriorityQueue;

/**
 * Virtual time for tests and accelerated simulation: nothing happens until {@link #advance} is
 * called, which runs due tasks in time order on the caller's thread.
 */
public final class VirtualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final ZoneId zone;
    private Instant now;
    private long sequence;

    public VirtualScheduler(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Duration effective = delay.isNegative() ? Duration.ZERO : delay;
        Task t = new Task(now.plus(effective), sequence++, task);
        queue.add(t);
        return () -> {
            synchronized (VirtualScheduler.this) {
                return queue.remove(t);
            }
        };
    }

    /** Moves time forward by {@code step}, running every task that falls due, in order. */
    public void advance(Duration step) {
        Instant target;
        synchronized (this) {
            target = now.plus(step);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.at;
            }
            next.task.run();
        }
    }

    public synchronized int pending() {
        return queue.size();
    }

    private record Task(Instant at, long seq, Runnable task) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
