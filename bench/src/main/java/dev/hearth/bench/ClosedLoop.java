package dev.hearth.bench;

import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The load client: for each motion/light pair it publishes a motion event and times the light
 * command the subject publishes in answer; the next event of that pair goes out when the answer
 * arrives (closed loop). It remembers the occupancy it last sent per pair, so every event it sends
 * is a change and must be answered.
 */
final class ClosedLoop implements AutoCloseable {
    private static final byte[] OCCUPIED = "{\"occupancy\":true,\"battery\":97,\"linkquality\":120}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLEAR = "{\"occupancy\":false,\"battery\":97,\"linkquality\":120}".getBytes(StandardCharsets.UTF_8);
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final MqttPort port;
    private final int capacity;
    private final Boolean[] sent;           // last occupancy sent per pair, null before the first
    private final long[] sentAt;            // nanoTime of the outstanding event, 0 when answered
    private final Histogram histogram = new Histogram(MAX_MICROS, 3);
    private volatile long recordFrom = Long.MAX_VALUE;
    private volatile long stopAt = Long.MAX_VALUE;
    private volatile int activePairs;
    private volatile boolean resend;
    private long answered;
    private volatile CountDownLatch firstAnswer = new CountDownLatch(1);

    ClosedLoop(String brokerUrl, String clientId, int capacity) throws MqttException {
        this.capacity = capacity;
        this.sent = new Boolean[capacity];
        this.sentAt = new long[capacity];
        this.port = MqttPort.connect(brokerUrl, clientId, this::onCommand);
        port.subscribe(Workload.PREFIX + "/+/set", 1);
    }

    /** Connects, retrying while nothing listens yet (an embedded broker that is still starting). */
    static ClosedLoop connectWhenUp(String brokerUrl, String clientId, int capacity, Duration timeout) throws MqttException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return new ClosedLoop(brokerUrl, clientId, capacity);
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) throw e;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    /**
     * Toggles pair 0 every {@code every} until the subject answers: the subject is then connected,
     * subscribed and has its automations loaded. Returns the time of the answer (nanoTime).
     */
    long awaitFirstActuation(Duration every, Duration timeout, BooleanSupplier subjectAlive) throws InterruptedException {
        CountDownLatch answer = new CountDownLatch(1);
        firstAnswer = answer;
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean next = false;
        while (!answer.await(every.toNanos(), TimeUnit.NANOSECONDS)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("no answer within " + timeout);
            if (!subjectAlive.getAsBoolean()) throw new IllegalStateException("the subject exited");
            synchronized (this) {
                sent[0] = next;
                sentAt[0] = 0;
            }
            port.publish(Workload.motionTopic(0), next ? OCCUPIED : CLEAR, 1);
            next = !next;
        }
        return firstAnswerAt;
    }

    private volatile long firstAnswerAt;

    /**
     * Gives every pair a known state (a first report, which must not actuate), then lets the
     * subject drain; afterwards every event the loop sends is a change.
     */
    void prime(int pairs, Duration timeout) throws InterruptedException {
        Thread.sleep(200); // late answers of awaitFirstActuation's toggling
        synchronized (this) {
            for (int i = 0; i < pairs; i++) {
                if (sent[i] == null) {
                    sent[i] = false;
                    port.publish(Workload.motionTopic(i), CLEAR, 1);
                }
            }
        }
        roundTrip(timeout);
    }

    /** One round trip on pair 0; since a subject handles messages in order, everything sent before is handled. */
    long roundTrip(Duration timeout) throws InterruptedException {
        Result r = run(1, Duration.ZERO, Duration.ZERO, timeout);
        if (r.count() < 1) throw new IllegalStateException("no answer within " + timeout);
        return r.lastAnswerNanos();
    }

    /** What one run measured. Latencies in microseconds. */
    record Result(int pairs, long count, double seconds, long p50, long p90, long p99, long max, long unanswered,
                  long lastAnswerNanos) {
        double perSecond() {
            return seconds > 0 ? count / seconds : 0;
        }
    }

    /**
     * Runs {@code pairs} loops for {@code warmup + measure}, recording answers that arrive after the
     * warm-up; with a zero {@code measure}, one event per pair. Waits up to {@code drain} for the last answers.
     */
    Result run(int pairs, Duration warmup, Duration measure, Duration drain) throws InterruptedException {
        if (pairs > capacity) throw new IllegalArgumentException("only " + capacity + " pairs");
        long start = System.nanoTime();
        synchronized (this) {
            histogram.reset();
            answered = 0;
            activePairs = pairs;
            resend = !measure.isZero();
            recordFrom = resend ? start + warmup.toNanos() : start;
            stopAt = resend ? start + warmup.toNanos() + measure.toNanos() : Long.MAX_VALUE;
            for (int i = 0; i < pairs; i++) sendNext(i, start);
        }
        if (resend) sleepUntil(stopAt);
        long drainDeadline = System.nanoTime() + drain.toNanos();
        while (outstanding(pairs) > 0 && System.nanoTime() < drainDeadline) LockSupport.parkNanos(1_000_000);
        synchronized (this) {
            double seconds = measure.isZero() ? 0 : measure.toNanos() / 1e9;
            long count = histogram.getTotalCount();
            Result r = new Result(pairs, count, seconds, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                    histogram.getValueAtPercentile(99), histogram.getMaxValue(), outstanding(pairs), lastAnswer);
            activePairs = 0;
            return r;
        }
    }

    private long lastAnswer;

    private synchronized long outstanding(int pairs) {
        long n = 0;
        for (int i = 0; i < pairs; i++) if (sentAt[i] != 0) n++;
        return n;
    }

    private void sendNext(int pair, long now) {
        boolean next = sent[pair] == null || !sent[pair];
        sent[pair] = next;
        sentAt[pair] = now;
        port.publish(Workload.motionTopic(pair), next ? OCCUPIED : CLEAR, 1);
    }

    private void onCommand(String topic, byte[] payload) {
        long now = System.nanoTime();
        int pair = Workload.pairOfCommand(topic);
        if (pair < 0 || pair >= capacity) return;
        String body = new String(payload, StandardCharsets.UTF_8);
        boolean on = body.contains("\"ON\"");
        synchronized (this) {
            firstAnswerAt = now;
            firstAnswer.countDown();
            if (sentAt[pair] == 0 || sent[pair] == null || sent[pair] != on) return; // stale or unsolicited
            long latency = (now - sentAt[pair]) / 1_000;
            sentAt[pair] = 0;
            lastAnswer = now;
            if (now >= recordFrom && now <= stopAt) histogram.recordValue(Math.min(latency, MAX_MICROS));
            if (resend && pair < activePairs && now < stopAt) sendNext(pair, now);
        }
    }

    /** The connection, for the flood that shares nothing else with the loop. */
    MqttPort port() {
        return port;
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }

    @Override
    public void close() {
        port.close();
    }
}
