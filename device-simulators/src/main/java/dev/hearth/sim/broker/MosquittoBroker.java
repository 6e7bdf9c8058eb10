package dev.hearth.sim.broker;

import dev.hearth.sim.net.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto on a free loopback port, configured like a user's default broker
 * (receive maximum 20, topic aliases allowed) so tests meet the same limits as production.
 */
public final class MosquittoBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private final Path config;
    private final Path log;
    private Process process;
    private Thread reaper;

    private MosquittoBroker(int port, List<String> extraConfig) {
        this.port = port;
        try {
            this.dir = Files.createTempDirectory("hearth-mosquitto-");
            this.config = dir.resolve("mosquitto.conf");
            this.log = dir.resolve("mosquitto.log");
            Files.write(config, configLines(port, extraConfig), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare mosquitto directory", e);
        }
    }

    /** Starts a broker with default limits on a free loopback port. */
    public static MosquittoBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return log;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the process again on the same port after {@link #stop()}; returns once it accepts connections. */
    public synchronized MosquittoBroker startAgain() {
        if (isRunning()) {
            return this;
        }
        launch();
        awaitReady();
        return this;
    }

    /** SIGTERM, then a forced kill if it does not exit in time. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(reaper);
        process = null;
    }

    public synchronized void restart() {
        stop();
        startAgain();
    }

    @Override
    public synchronized void close() {
        stop();
        deleteDirectory();
    }

    private void launch() {
        var builder = new ProcessBuilder(MosquittoBinary.locate().toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start mosquitto: " + e.getMessage(), e);
        }
        Process started = process;
        // A crashed test JVM must not leave brokers behind.
        reaper = new Thread(started::destroyForcibly, "mosquitto-reaper-" + port);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String why = "mosquitto exited with " + process.exitValue() + ": " + logTail();
                stop();
                throw new IllegalStateException(why);
            }
            if (FreePort.accepts(port)) {
                return;
            }
            pause();
        }
        stop();
        throw new IllegalStateException("mosquitto did not accept connections on port " + port + ": " + logTail());
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mosquitto", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void deleteDirectory() {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Best effort: a leftover temp file must not fail a test.
        }
    }

    private static List<String> configLines(int port, List<String> extra) {
        var lines = new java.util.ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information"));
        lines.addAll(extra);
        return lines;
    }

    /** Options beyond the defaults; keep them rare, tests should see a user's default broker. */
    public static final class Builder {
        private final List<String> extra = new java.util.ArrayList<>();
        private int port;

        private Builder() {
        }

        public Builder configLine(String line) {
            extra.add(line);
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** With a free port picked for us, another process may grab it first: then try a fresh port. */
        public MosquittoBroker start() {
            int attempts = port > 0 ? 1 : 3;
            for (int i = 1; ; i++) {
                MosquittoBroker broker = new MosquittoBroker(port > 0 ? port : FreePort.loopback(), List.copyOf(extra));
                try {
                    return broker.startAgain();
                } catch (IllegalStateException e) {
                    broker.close();
                    if (i >= attempts || !String.valueOf(e.getMessage()).contains("in use")) {
                        throw e;
                    }
                }
            }
        }
    }
}
