package dev.hearth.gateway.support;

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

import static org.awaitility.Awaitility.await;

/**
 * Kills a child JVM that writes to a file database with SIGKILL (on Linux {@code destroyForcibly} is SIGKILL) at random
 * points, restarts it and kills it again. The child prints {@code restored N} once it has read back its newest value
 * and {@code committed N} each time a commit holding N returned; a restart that restores less than the newest value
 * committed before the kill lost a commit. {@code hearth.kills} and {@code hearth.killSeconds} override the number of
 * kills and the time budget (at least {@link #MIN_KILLS} are made however long they take) (docs/reliability.md, "Gateway killed while saving state").
 */
public final class KillLoop {
    /** Made whatever the budget: fewer would say little. */
    public static final int MIN_KILLS = 5;

    /** What a run found: the kills made, the restarts that lost committed values, the seed that replays the delays. */
    public record Result(int kills, List<String> lost, long seed) {
    }

    private KillLoop() {
    }

    /** Kills {@code main} (run with {@code args}) {@code kills} times within {@code budget}, 0 to {@code maxDelay} after it first commits. */
    public static Result run(Class<?> main, List<String> args, int kills, Duration budget, Duration maxDelay) throws Exception {
        kills = Integer.getInteger("hearth.kills", kills);
        budget = Duration.ofSeconds(Long.getLong("hearth.killSeconds", budget.toSeconds()));
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        long deadline = System.nanoTime() + budget.toNanos();
        long committedBeforeKill = 0;
        List<String> lost = new ArrayList<>();
        int made = 0;
        // the budget bounds a long run; a slow machine still gets its first few kills
        while (made < kills && (System.nanoTime() < deadline || made < MIN_KILLS)) {
            Child child = Child.start(main, args);
            long restored = child.restored.get(60, TimeUnit.SECONDS);
            if (restored < committedBeforeKill) lost.add("kill " + made + ": restored " + restored + ", committed " + committedBeforeKill);
            await().atMost(Duration.ofSeconds(30)).until(() -> child.committed.get() > restored);
            // at a random point of the write cycle: mid-batch, mid-commit, mid-fold
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextLong(maxDelay.toMillis() + 1));
            await().pollInterval(Duration.ofMillis(1)).atMost(maxDelay.plusSeconds(5)).until(() -> System.nanoTime() >= until);
            child.process.destroyForcibly().waitFor();
            committedBeforeKill = Math.max(committedBeforeKill, child.committed.get());
            made++;
        }
        Child last = Child.start(main, args);
        long restored = last.restored.get(60, TimeUnit.SECONDS);
        last.process.destroyForcibly().waitFor();
        if (restored < committedBeforeKill) lost.add("last start: restored " + restored + ", committed " + committedBeforeKill);
        System.out.printf("%s: %d kills in %d s, %d restarts lost committed values (seed %d)%n", main.getSimpleName(), made,
                budget.toSeconds() - Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L), lost.size(), seed);
        return new Result(made, lost, seed);
    }

    private record Child(Process process, CompletableFuture<Long> restored, AtomicLong committed) {
        static Child start(Class<?> main, List<String> args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Child child = new Child(p, new CompletableFuture<>(), new AtomicLong());
            Thread reader = new Thread(child::read, "kill-loop-child-output");
            reader.setDaemon(true);
            reader.start();
            return child;
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] words = line.split(" ");
                    if (words.length != 2) continue;
                    long n = Long.parseLong(words[1]);
                    if (words[0].equals("restored")) restored.complete(n);
                    else if (words[0].equals("committed")) committed.accumulateAndGet(n, Math::max);
                }
                restored.completeExceptionally(new IllegalStateException("the child ended without restoring"));
            } catch (Exception e) {
                restored.completeExceptionally(e);
            }
        }
    }
}
