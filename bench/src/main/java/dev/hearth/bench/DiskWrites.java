package dev.hearth.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bytes this process's database writers handed to {@code write(2)}: the {@code wchar} counters of
 * {@code /proc/self/task/<tid>/io}, summed over the threads that run H2 commits (the Vert.x workers
 * and the measuring thread). The process-wide counter would also count Paho's socket writes to the
 * broker and the event loops' 8-byte wake-ups; {@code write_bytes} counts a page once however often
 * it is rewritten before write-back, so it undercounts a database that rewrites its header.
 * Linux only.
 */
final class DiskWrites {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final List<String> WRITERS = List.of("vert.x-worker");

    private final Map<String, Long> start;
    private final String caller;

    private DiskWrites(Map<String, Long> start, String caller) {
        this.start = start;
        this.caller = caller;
    }

    /** Starts counting for the calling thread and the database writer threads. */
    static DiskWrites start() {
        String self = String.valueOf(currentTid());
        return new DiskWrites(counters(self), self);
    }

    /** Bytes written by those threads since {@link #start()} (threads born since count from zero). */
    long sinceStart() {
        long total = 0;
        for (Map.Entry<String, Long> e : counters(caller).entrySet()) total += e.getValue() - start.getOrDefault(e.getKey(), 0L);
        return total;
    }

    private static Map<String, Long> counters(String caller) {
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : tasks.toList()) {
                String tid = task.getFileName().toString();
                if (tid.equals(caller) || isWriter(task)) read(task).ifPresent(v -> out.put(tid, v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TASKS + " (Linux only)", e);
        }
        return out;
    }

    private static boolean isWriter(Path task) {
        try {
            String comm = Files.readString(task.resolve("comm")).strip();
            return WRITERS.stream().anyMatch(comm::startsWith);
        } catch (IOException e) {
            return false; // the thread ended meanwhile
        }
    }

    private static java.util.Optional<Long> read(Path task) {
        try {
            for (String line : Files.readAllLines(task.resolve("io"))) {
                if (line.startsWith("wchar:")) return java.util.Optional.of(Long.parseLong(line.substring(6).strip()));
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static long currentTid() {
        try {
            // /proc/thread-self names the calling thread's own task directory
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/thread-self (Linux only)", e);
        }
    }
}
