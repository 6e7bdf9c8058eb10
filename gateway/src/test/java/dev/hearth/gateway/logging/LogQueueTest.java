package dev.hearth.gateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LogQueueTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger logger = context.getLogger("dev.hearth.gateway.home.HomeLoop");
    private final Output output = new Output();

    @AfterEach
    void stop() {
        output.flows.countDown();
        context.stop();
    }

    @Test
    void linesThatDoNotFitWhileTheOutputIsBlockedAreCountedByLevelAndReportedWhereTheyAreMissing() {
        // Given a queue of 8 in front of an output that blocks, with the writer stuck on the first line
        LogQueue queue = queue(8);
        logger.info("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> output.writing && queue.getNumberOfElementsInQueue() == 0);
        for (int i = 1; i <= 8; i++) logger.info("queued {}", i);

        // When 20 more lines come, at every level, while the queue is full
        for (int i = 0; i < 15; i++) logger.info("dropped info {}", i);
        for (int i = 0; i < 4; i++) logger.warn("dropped warn {}", i);
        logger.error("dropped error");

        // Then none waits for the output, all 20 are counted, and nothing is reported while the output is blocked
        assertThat(queue.droppedPending()).isEqualTo(20);
        assertThat(output.lines).isEmpty();

        // And once it flows again, one WARN stands where they are missing, and later lines follow it
        output.flows.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> output.lines.size() == 10);
        logger.info("after");
        await().atMost(Duration.ofSeconds(5)).until(() -> output.lines.size() == 11);
        assertThat(output.lines.subList(0, 9)).containsExactly("INFO first", "INFO queued 1", "INFO queued 2", "INFO queued 3",
                "INFO queued 4", "INFO queued 5", "INFO queued 6", "INFO queued 7", "INFO queued 8");
        assertThat(output.lines.get(9)).isEqualTo("WARN 20 log lines dropped: the log output was blocked and the queue in front of it"
                + " full (1 ERROR, 4 WARN, 15 INFO)");
        assertThat(output.lines.get(10)).isEqualTo("INFO after");
        assertThat(queue.droppedPending()).isZero();
    }

    @Test
    void noLevelIsDiscardedBeforeTheQueueIsFull() {
        LogQueue queue = queue(10);
        logger.info("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> output.writing && queue.getNumberOfElementsInQueue() == 0);

        for (int i = 0; i < 10; i++) logger.debug("debug {}", i);

        assertThat(queue.droppedPending()).isZero();
        output.flows.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> output.lines.size() == 11);
    }

    @Test
    void drainingWritesWhatIsQueuedWithItsMdcThenTheConsoleWritesDirectly() {
        // Given lines queued in front of an output that flows
        output.flows.countDown();
        LogQueue queue = queue(512);
        MDC.put("device", "hallway_motion");
        try {
            for (int i = 0; i < 300; i++) logger.info("line {}", i);
        } finally {
            MDC.clear();
        }

        // When the process is on its way out
        queue.drainInto(root);

        // Then every line was written, in order, and later lines are written at once by the caller
        assertThat(output.lines).hasSize(300).startsWith("INFO line 0").endsWith("INFO line 299");
        assertThat(output.mdc).allMatch("hallway_motion"::equals);
        assertThat(root.getAppender(LogQueue.NAME)).isNull();
        logger.warn("on the way out");
        assertThat(output.lines).last().isEqualTo("WARN on the way out");
    }

    @Test
    void drainingGivesUpAfterTheFlushTimeWhenTheOutputStaysBlocked() {
        LogQueue queue = queue(8);
        logger.info("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> output.writing);

        long start = System.nanoTime();
        queue.drainInto(root);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LogQueue.FLUSH_TIME.plusSeconds(2));
        assertThat(root.getAppender(LogQueue.NAME)).isSameAs(queue);
    }

    @Test
    void jsonLinesThroughTheQueueCarryTheCallersThreadAndMdc() throws InterruptedException {
        // Given the JSON encoder (logging.format: json) behind the queue
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> json = new OutputStreamAppender<>();
        json.setContext(context);
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        json.setEncoder(encoder);
        json.setOutputStream(out);
        json.start();
        if (context.getMDCAdapter() == null) context.setMDCAdapter(MDC.getMDCAdapter());
        LogQueue queue = new LogQueue(context, json, 16);
        queue.start();
        root.addAppender(queue);

        // When a thread of the gateway logs with an MDC
        Thread caller = new Thread(() -> {
            MDC.put("device", "hallway_motion");
            logger.info("Hearth gateway '{}' started", "home");
            MDC.clear();
        }, "vert.x-eventloop-thread-0");
        caller.start();
        caller.join();
        queue.drainInto(root);

        // Then the line written by the queue's thread names the caller's thread, its MDC and its arguments
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{")
                .contains("\"threadName\":\"vert.x-eventloop-thread-0\"", "\"loggerName\":\"dev.hearth.gateway.home.HomeLoop\"",
                        "\"message\":\"Hearth gateway '{}' started\"")
                .containsPattern("\"arguments\":\\s*\\[\"home\"\\]")
                .containsPattern("\"mdc\":\\s*\\{\\s*\"device\":\\s*\"hallway_motion\"");
    }

    private LogQueue queue(int size) {
        if (context.getMDCAdapter() == null) context.setMDCAdapter(MDC.getMDCAdapter());
        output.setContext(context);
        output.start();
        LogQueue queue = new LogQueue(context, output, size);
        queue.start();
        root.addAppender(queue);
        root.setLevel(Level.DEBUG);
        return queue;
    }

    /** An output that blocks until {@link #flows} opens, like a pipe nobody reads. */
    private static final class Output extends AppenderBase<ILoggingEvent> {
        final CountDownLatch flows = new CountDownLatch(1);
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> mdc = new CopyOnWriteArrayList<>();
        volatile boolean writing;

        @Override
        protected void append(ILoggingEvent event) {
            writing = true;
            awaitFlowing();
            lines.add(event.getLevel() + " " + event.getFormattedMessage());
            String device = event.getMDCPropertyMap().get("device");
            if (device != null) mdc.add(device);
        }

        /** A write to a pipe does not end when its thread is interrupted. */
        private void awaitFlowing() {
            boolean interrupted = false;
            while (flows.getCount() > 0) {
                try {
                    flows.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
