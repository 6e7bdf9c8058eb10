package dev.hearth.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A directory on storage that a test can fill and free again, the way an SD card fills up. As root (here and in
 * {@code .ci/run}) it is a real file system of its own: a tmpfs of a few MiB mounted on the directory, filled by a
 * file of zeros until the kernel answers "No space left on device", freed by deleting that file. Without root it
 * cannot mount, so it uses the other real limit a process meets: the file-size limit ({@code RLIMIT_FSIZE}) of this
 * JVM, lowered with {@code prlimit} to the size of the biggest file in the directory, so a file that grows fails
 * with "File too large" (EFBIG), and raised back to what it was. Both are faults of the kernel, not of a mock.
 * {@link #close()} frees and unmounts, also after a failed test.
 */
public final class FillableDisk implements AutoCloseable {
    private final Path dir;
    private final boolean mounted;
    private String softLimitBefore;

    private FillableDisk(Path dir, boolean mounted) {
        this.dir = dir;
        this.mounted = mounted;
    }

    /** A fillable {@code dir} (created) of {@code bytes} when mounted. */
    public static FillableDisk at(Path dir, long bytes) {
        try {
            Files.createDirectories(dir);
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
            return new FillableDisk(dir, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The words of the kernel's error once full, as Java reports it. */
    public String fault() {
        return mounted ? "No space left on device" : "File too large";
    }

    /** From now on, writing more than the directory holds fails. */
    public void fill() {
        if (mounted) {
            try (OutputStream out = Files.newOutputStream(filler())) {
                byte[] block = new byte[64 * 1024];
                while (true) out.write(block);
            } catch (IOException expected) {
                // the file system is full
            }
        } else {
            softLimitBefore = run("prlimit", "--pid", pid(), "--fsize", "--raw", "--noheadings", "--output=SOFT").trim();
            run("prlimit", "--pid", pid(), "--fsize=" + biggestFile() + ":");
        }
    }

    /** Room again. */
    public void free() {
        try {
            if (mounted) Files.deleteIfExists(filler());
            else if (softLimitBefore != null) run("prlimit", "--pid", pid(), "--fsize=" + softLimitBefore + ":");
            softLimitBefore = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        free();
        if (!mounted) return;
        try {
            run("umount", dir.toString());
        } catch (IllegalStateException busy) {
            run("umount", "-l", dir.toString());
        }
    }

    private Path filler() {
        return dir.resolve("filler");
    }

    private long biggestFile() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
