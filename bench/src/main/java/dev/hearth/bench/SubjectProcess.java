package dev.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A subject running as its own process: its memory as the kernel and the JVM see it, and a clean stop. */
final class SubjectProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final String name;
    private final Process process;
    private final Path log;
    private final boolean jvm;
    private final Thread reaper;
    private java.net.URI readiness;
    private boolean graceful;

    private SubjectProcess(String name, Process process, Path log, boolean jvm, Thread reaper) {
        this.reaper = reaper;
        this.name = name;
        this.process = process;
        this.log = log;
        this.jvm = jvm;
    }

    static SubjectProcess start(String name, List<String> command, java.util.Map<String, String> environment, Path workDir, Path log,
                                boolean jvm) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        // A harness stopped by run.sh's timeout or Ctrl-C must not leave subjects behind.
        Thread reaper = new Thread(p::destroyForcibly, name + "-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        return new SubjectProcess(name, p, log, jvm, reaper);
    }

    /**
     * Stop with SIGTERM and wait (a JFR recording is written on a clean exit) instead of SIGKILL. No run
     * measures stopping, and a graceful stop of Hearth took up to 10 s of the budget per run.
     */
    SubjectProcess gracefulStop(boolean graceful) {
        this.graceful = graceful;
        return this;
    }

    /** A URL that answers 200 once the subject is ready (Hearth's /health). */
    SubjectProcess withReadiness(java.net.URI url) {
        this.readiness = url;
        return this;
    }

    /**
     * Polls the readiness URL every 5 ms in the background; the future completes with the nanoTime
     * of the first 200, or never for a subject without one.
     */
    /** Whether the subject answers a readiness probe (Hearth's {@code /health}); {@link #readyAt} never completes otherwise. */
    boolean reportsReadiness() {
        return readiness != null;
    }

    java.util.concurrent.CompletableFuture<Long> readyAt() {
        java.util.concurrent.CompletableFuture<Long> at = new java.util.concurrent.CompletableFuture<>();
        if (readiness == null) return at;
        Thread poller = new Thread(() -> {
            java.net.http.HttpClient http = Http.CLIENT;
            java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(readiness)
                    .timeout(java.time.Duration.ofSeconds(2)).build();
            while (process.isAlive() && !at.isDone()) {
                try {
                    if (http.send(get, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        at.complete(System.nanoTime());
                    }
                } catch (IOException e) {
                    // Not listening yet.
                } catch (InterruptedException e) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
        }, name + "-readiness");
        poller.setDaemon(true);
        poller.start();
        return at;
    }

    /** The readiness URL (Hearth's /health); other paths of the same server resolve against it. */
    java.net.URI readiness() {
        return readiness;
    }

    /** The readiness URL's status code now; -1 when it does not answer or there is none. */
    int healthStatus() {
        if (readiness == null) return -1;
        try {
            return Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(readiness)
                    .timeout(java.time.Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Resident set size in KiB, from /proc; -1 once the process is gone. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Clock ticks a second of /proc's CPU times (USER_HZ: 100 on every Linux the bench runs on). */
    static final int TICKS_PER_SECOND = 100;

    /** CPU time the process has used, user and system, all its threads, in ticks of {@link #TICKS_PER_SECOND}; -1 once it is gone. */
    long cpuTicks() {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid()), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime from a /proc/<pid>/stat line: fields 14 and 15, counted after the command's closing bracket. */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Java heap in use in KiB (jcmd GC.heap_info); -1 for a process that is not a JVM. */
    long heapUsedKib() {
        if (!jvm) return -1;
        try {
            Process jcmd = new ProcessBuilder(jcmd(), Long.toString(pid()), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(10, TimeUnit.SECONDS);
            return heapUsedKib(out);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The heap in use from {@code GC.heap_info}: with a generational collector (Serial, Parallel) the sum of its
     * generations (the first figure alone is the young generation's), else the one heap's (G1). Metaspace is not heap.
     */
    static long heapUsedKib(String heapInfo) {
        long generations = 0;
        Long first = null;
        for (String line : heapInfo.split("\n")) {
            if (line.strip().startsWith("Metaspace") || line.strip().startsWith("class space")) continue;
            Matcher m = HEAP_USED.matcher(line);
            if (!m.find()) continue;
            long used = Long.parseLong(m.group(1));
            if (first == null) first = used;
            if (line.contains(" generation ")) generations += used;
        }
        return generations > 0 ? generations : first == null ? -1 : first;
    }

    private static String jcmd() {
        Path inHome = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(inHome) ? inHome.toString() : "jcmd";
    }

    /**
     * What went wrong, for the first line of a failure: the first line of the output that says the
     * JVM ran out of memory, or else the first ERROR line; empty when there is none.
     */
    String trouble() {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            List<String> bad = lines.filter(l -> l.contains("OutOfMemoryError") || l.contains(" ERROR ")).limit(200).toList();
            return bad.stream().filter(l -> l.contains("OutOfMemoryError")).findFirst()
                    .or(() -> bad.stream().findFirst()).map(l -> "; its log says: " + l.strip()).orElse("");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    /** The last lines of the subject's output, for error messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL at once: no run measures stopping. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, or with {@link #gracefulStop} SIGTERM and SIGKILL after 10 s. */
    @Override
    public void close() {
        if (graceful) process.destroy();
        else process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                System.err.println(name + " did not stop within 10 s of SIGTERM; killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
        }
    }
}
