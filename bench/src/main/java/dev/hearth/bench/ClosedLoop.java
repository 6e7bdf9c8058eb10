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
 * The load client. A run has {@code loops} closed loops: each publishes a motion change and times
 * the light command the subject publishes in answer, and sends its next event only when the answer
 * has arrived. Loop k rotates over the pairs k, k + loops, k + 2·loops…, so with as many loops as
 * pairs every pair always has one event in flight: nothing but the subject paces the loops (Hearth
 * runs with its runaway guard raised above what this needs, see {@link HearthConfig}). The client
 * remembers the occupancy it last sent per pair, so every event is a change and must be answered.
 * An event sent within the measured window is timed whenever its answer arrives (within the drain),
 * so a subject that falls behind shows its real delays instead of fewer samples.
 */
final class ClosedLoop implements AutoCloseable {
    private static final byte[] OCCUPIED = "{\"occupancy\":true,\"battery\":97,\"linkquality\":120}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLEAR = "{\"occupancy\":false,\"battery\":97,\"linkquality\":120}".getBytes(StandardCharsets.UTF_8);
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final MqttPort port;
    private final int pairs;
    private final int qos;                  // what the motion events are published with
    private final Boolean[] sent;           // last occupancy sent per pair, null before the first
    private final long[] sentAt;            // nanoTime of the outstanding event, 0 when answered
    private final Histogram histogram = new Histogram(MAX_MICROS, 3);
    private int loops;
    private long recordFrom = Long.MAX_VALUE;
    private long stopAt = Long.MAX_VALUE;
    private boolean resend;
    private long lastAnswer;
    private long answered;                  // answers of this run, its warm-up's included
    private long firstAnswerAt;
    private CountDownLatch firstAnswer = new CountDownLatch(1);

    /** The motion events go out with {@code qos}; the answers are subscribed to with QoS 1 (the broker sends them with the subject's). */
    ClosedLoop(String brokerUrl, String clientId, int pairs, int qos) throws MqttException {
        this.pairs = pairs;
        this.qos = qos;
        this.sent = new Boolean[pairs];
        this.sentAt = new long[pairs];
        this.port = MqttPort.connect(brokerUrl, clientId, this::onCommand);
        port.subscribe(Workload.PREFIX + "/+/set", 1);
    }

    /** Connects, retrying while nothing listens yet (an embedded broker that is still starting). */
    static ClosedLoop connectWhenUp(String brokerUrl, String clientId, int pairs, int qos, Duration timeout) throws MqttException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return new ClosedLoop(brokerUrl, clientId, pairs, qos);
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) throw e;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    /** Pairs the start-up probe alternates between (see {@link #awaitFirstActuation}). */
    static final int STARTUP_PAIRS = 2;

    /**
     * Sends a motion change every {@code every}, to pair after pair, until the subject answers: it is
     * then connected, subscribed and has its automations armed. Returns the time of the answer
     * (nanoTime). A device's first report never actuates, so once the subject is subscribed a pair needs two
     * reports: alternating between two pairs, that costs the figure about 20 ms (rotating over 25 pairs, as
     * before, added ~250 ms to every subject's start).
     */
    long awaitFirstActuation(Duration every, Duration timeout, BooleanSupplier subjectAlive) throws InterruptedException {
        CountDownLatch answer;
        synchronized (this) {
            answer = new CountDownLatch(1);
            firstAnswer = answer;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int n = 0;
        while (!answer.await(every.toNanos(), TimeUnit.NANOSECONDS)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("no answer within " + timeout);
            if (!subjectAlive.getAsBoolean()) throw new IllegalStateException("the subject exited");
            int pair = n++ % Math.min(pairs, STARTUP_PAIRS);
            boolean next;
            synchronized (this) {
                next = sent[pair] != null && !sent[pair];
                sent[pair] = next;
                sentAt[pair] = 0;
            }
            port.publish(Workload.motionTopic(pair), next ? OCCUPIED : CLEAR, qos);
        }
        synchronized (this) {
            return firstAnswerAt;
        }
    }

    /**
     * Gives every pair a known state (a first report, which must not actuate), then lets the
     * subject drain; afterwards every event the loop sends is a change.
     */
    void prime(Duration timeout) throws InterruptedException {
        Thread.sleep(200); // late answers of awaitFirstActuation's toggling
        synchronized (this) {
            for (int i = 0; i < pairs; i++) {
                if (sent[i] == null) {
                    sent[i] = false;
                    port.publish(Workload.motionTopic(i), CLEAR, qos);
                }
            }
        }
        roundTrip(timeout);
    }

    /** One round trip; since a subject handles messages in order, everything sent before is handled. Returns its time. */
    long roundTrip(Duration timeout) throws InterruptedException {
        Result r = run(1, Duration.ZERO, Duration.ZERO, timeout);
        if (r.count() < 1) throw new IllegalStateException("no answer within " + timeout);
        return r.lastAnswerNanos();
    }

    /**
     * What one run measured. Latencies in microseconds; {@code count} the answers timed, {@code answered} every
     * answer of the run, its warm-up's too (the subject's CPU over the run is divided by it).
     */
    record Result(int loops, long count, double seconds, long p50, long p90, long p99, long max, long unanswered,
                  long lastAnswerNanos, long answered) {
        double perSecond() {
            return seconds > 0 ? count / seconds : 0;
        }
    }

    /**
     * Runs {@code loops} loops for {@code warmup + measure}, recording answers that arrive after the
     * warm-up; with a zero {@code measure}, one event per loop. Waits up to {@code drain} for the last answers.
     */
    Result run(int loops, Duration warmup, Duration measure, Duration drain) throws InterruptedException {
        if (loops > pairs) throw new IllegalArgumentException("only " + pairs + " pairs");
        long start = System.nanoTime();
        synchronized (this) {
            histogram.reset();
            answered = 0;
            this.loops = loops;
            resend = !measure.isZero();
            recordFrom = resend ? start + warmup.toNanos() : start;
            stopAt = resend ? start + warmup.toNanos() + measure.toNanos() : Long.MAX_VALUE;
            for (int k = 0; k < loops; k++) sendNextOf(k, start);
        }
        if (resend) sleepUntil(stopAt);
        long drainDeadline = System.nanoTime() + drain.toNanos();
        while (outstanding() > 0 && System.nanoTime() < drainDeadline) LockSupport.parkNanos(1_000_000);
        synchronized (this) {
            double seconds = measure.isZero() ? 0 : measure.toNanos() / 1e9;
            Result r = new Result(loops, histogram.getTotalCount(), seconds, histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99), histogram.getMaxValue(),
                    outstanding(), lastAnswer, answered);
            resend = false;
            return r;
        }
    }

    private synchronized long outstanding() {
        long n = 0;
        for (int i = 0; i < pairs; i++) if (sentAt[i] != 0) n++;
        return n;
    }

    /** Sends the next event to {@code pair}. Holds the lock. */
    private void sendNextOf(int pair, long now) {
        boolean next = sent[pair] == null || !sent[pair];
        sent[pair] = next;
        sentAt[pair] = now;
        port.publish(Workload.motionTopic(pair), next ? OCCUPIED : CLEAR, qos);
    }

    private void onCommand(String topic, byte[] payload) {
        long now = System.nanoTime();
        int pair = Workload.pairOfCommand(topic);
        if (pair < 0 || pair >= pairs) return;
        boolean on = new String(payload, StandardCharsets.UTF_8).contains("\"ON\"");
        synchronized (this) {
            firstAnswerAt = now;
            firstAnswer.countDown();
            if (sentAt[pair] <= 0 || sent[pair] == null || sent[pair] != on) return; // stale or unsolicited
            long sentNanos = sentAt[pair];
            // Timed before the send it would match (that send was made while this thread waited for the lock):
            // the answer to an earlier send of the same value; this send's answer is still to come.
            if (sentNanos > now) return;
            sentAt[pair] = 0;
            lastAnswer = now;
            answered++;
            if (sentNanos >= recordFrom && sentNanos <= stopAt) histogram.recordValue(Math.min((now - sentNanos) / 1_000, MAX_MICROS));
            if (resend && now < stopAt && loops > 0) {
                int next = pair + loops < pairs ? pair + loops : pair % loops;
                sendNextOf(next, now);
            }
        }
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
