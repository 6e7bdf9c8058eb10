package dev.hearth.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The soak of docs/reliability.md ({@link Rig}): the gateway runs under a steady load for {@code minutes} while the
 * broker is restarted every {@code restartSeconds}; every 10 s its threads, open files and resident memory are
 * sampled from /proc. Passes when no acknowledged event misses its command, none is out of order, and threads, open
 * files and memory at the end are no higher than in the first two minutes (plus a small margin).
 * <p>
 * Arguments: {@code <work dir> <minutes> <broker restart every N seconds> <events per second>}; the gateway's class
 * path is {@code -Dhearth.classpath}.
 */
public final class Soak {
    private record Sample(long seconds, long threads, long files, long rssKib) {
    }

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        Duration length = Duration.ofMinutes(Long.parseLong(args[1]));
        Duration restartEvery = Duration.ofSeconds(Long.parseLong(args[2]));
        int rate = Integer.parseInt(args[3]);
        try (Rig rig = new Rig(work)) {
            Process gateway = rig.gateway("gateway");
            try {
                rig.awaitHealthy(Duration.ofSeconds(120));
                rig.startLoad(rate);
                List<Sample> samples = run(rig, gateway, length, restartEvery);
                Ledger.Figures f = rig.stopLoadAndSettle();
                Sample early = samples.stream().filter(s -> s.seconds() <= Math.min(120, length.toSeconds() / 2))
                        .reduce((a, b) -> new Sample(0, Math.max(a.threads(), b.threads()), Math.max(a.files(), b.files()),
                                Math.max(a.rssKib(), b.rssKib()))).orElseThrow();
                Sample last = samples.get(samples.size() - 1);
                boolean flat = last.threads() <= early.threads() + 4 && last.files() <= early.files() + 16
                        && last.rssKib() <= early.rssKib() * 12 / 10;
                boolean passed = f.missing() == 0 && f.reordered() == 0 && flat && gateway.isAlive();
                System.out.printf("soak %d min, broker restarted every %d s, %d events/s: %s; threads %d -> %d, open files %d -> %d,"
                                + " RSS %d -> %d MiB (first %d s max -> end) -> %s%n", length.toMinutes(), restartEvery.toSeconds(), rate,
                        f.line(), early.threads(), last.threads(), early.files(), last.files(), early.rssKib() / 1024,
                        last.rssKib() / 1024, Math.min(120, length.toSeconds() / 2), passed ? "PASS" : "FAIL");
                System.exit(passed ? 0 : 1);
            } finally {
                KillRestart.stop(gateway);
            }
        }
    }

    private static List<Sample> run(Rig rig, Process gateway, Duration length, Duration restartEvery) throws Exception {
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long nextRestart = restartEvery.toNanos();
        long nextSample = 0;
        while (System.nanoTime() - start < length.toNanos()) {
            long now = System.nanoTime() - start;
            if (now >= nextSample) {
                samples.add(sample(gateway.pid(), now / 1_000_000_000L));
                nextSample += Duration.ofSeconds(10).toNanos();
            }
            if (now >= nextRestart) {
                rig.broker.restart();
                nextRestart += restartEvery.toNanos();
            }
            Thread.sleep(200);
        }
        samples.add(sample(gateway.pid(), (System.nanoTime() - start) / 1_000_000_000L));
        return samples;
    }

    private static Sample sample(long pid, long seconds) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long threads = 0;
        long rss = 0;
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("Threads:")) threads = Long.parseLong(line.replaceAll("\\D", ""));
            if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", ""));
        }
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            return new Sample(seconds, threads, fds.count(), rss);
        }
    }
}
