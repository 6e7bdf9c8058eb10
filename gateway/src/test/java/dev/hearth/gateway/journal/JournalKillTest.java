package dev.hearth.gateway.journal;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process writing device state through the journal is killed with SIGKILL at random points (on Linux
 * {@code destroyForcibly} is SIGKILL), again and again: every restart restores at least the newest value the journal
 * reported committed before the kill. {@code hearth.kills} sets the number of kills (50 by default, and no more than
 * {@code hearth.killSeconds} allow, 120 by default): docs/reliability.md, "Gateway killed while saving state".
 */
class JournalKillTest {
    static final int KILLS = Integer.getInteger("hearth.kills", 50);
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("hearth.killSeconds", 120));

    @TempDir
    Path dir;

    @Test
    @Disabled("issue 14 item 3 is open: H2 2.5.252 comes back at an older version after kill -9 (1 lost restart in 44"
            + " kills); see docs/reliability.md, 'Gateway killed while saving state'. Run it to check a fix.")
    void everyRestartRestoresTheNewestCommittedValue() throws Exception {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        long committedBeforeKill = 0;
        List<String> lost = new ArrayList<>();
        int kills = 0;
        while (kills < KILLS && System.nanoTime() < deadline) {
            Child child = Child.start(dir);
            long restored = child.restored.get(30, TimeUnit.SECONDS);
            if (restored < committedBeforeKill) lost.add("kill " + kills + ": restored " + restored + ", committed " + committedBeforeKill);
            await().atMost(Duration.ofSeconds(30)).until(() -> child.committed.get() > restored);
            // at a random point of the write cycle: mid-batch, mid-commit, mid-fold of the log into the table
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(400));
            await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() >= until);
            child.process.destroyForcibly().waitFor();
            committedBeforeKill = child.committed.get();
            kills++;
        }
        Child last = Child.start(dir);
        long restored = last.restored.get(30, TimeUnit.SECONDS);
        last.process.destroyForcibly().waitFor();
        if (restored < committedBeforeKill) lost.add("last start: restored " + restored + ", committed " + committedBeforeKill);

        assertThat(kills).as("kills within %s", BUDGET).isGreaterThanOrEqualTo(Math.min(KILLS, 5));
        assertThat(lost).as("restarts that lost committed state (seed %d, %d kills)", seed, kills).isEmpty();
    }

    private record Child(Process process, CompletableFuture<Long> restored, AtomicLong committed) {
        static Child start(Path dir) throws Exception {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), JournalWriter.class.getName(),
                    dir.toString(), System.getProperty("hearth.killDurability", "PROCESS")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Child child = new Child(p, new CompletableFuture<>(), new AtomicLong());
            Thread reader = new Thread(() -> child.read(), "journal-writer-output");
            reader.setDaemon(true);
            reader.start();
            return child;
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] words = line.split(" ");
                    long n = Long.parseLong(words[1]);
                    if (words[0].equals("restored")) restored.complete(n);
                    else committed.accumulateAndGet(n, Math::max);
                }
            } catch (Exception e) {
                restored.completeExceptionally(e);
            }
        }
    }
}
