package dev.hearth.bench.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The delivery ledger of docs/reliability.md, "Gateway kill -9 under load" ({@link Rig}): the gateway is killed with
 * SIGKILL and restarted {@code kills} times under the load, 1–4 s after it reported healthy each time; in a second run,
 * the broker is stopped for {@code outage} under the same load. Each prints a verdict line.
 * <p>
 * Arguments: {@code <work dir> <kills> <events per second> <broker outage seconds>}; the gateway's class path is
 * {@code -Dhearth.classpath}.
 */
public final class KillRestart {
    private KillRestart() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int kills = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int outage = Integer.parseInt(args[3]);
        boolean passed = (kills == 0 || kills(work.resolve("kills"), kills, rate))
                & (outage == 0 || outage(work.resolve("outage"), rate, Duration.ofSeconds(outage)));
        System.exit(passed ? 0 : 1);
    }

    private static boolean kills(Path work, int kills, int rate) throws Exception {
        Files.createDirectories(work);
        try (Rig rig = new Rig(work)) {
            Random random = new Random();
            long started = System.nanoTime();
            for (int k = 0; k < kills; k++) {
                Process gateway = rig.gateway("gateway-" + k);
                rig.awaitHealthy(Duration.ofSeconds(120));
                if (k == 0) rig.startLoad(rate);
                System.err.printf("kill %d: %s%n", k + 1, rig.ledger.figures().line());
                Thread.sleep(1_000 + random.nextInt(3_000));
                gateway.destroyForcibly().waitFor();
            }
            Process gateway = rig.gateway("gateway-" + kills);
            try {
                rig.awaitHealthy(Duration.ofSeconds(120));
                Thread.sleep(2_000);
                Ledger.Figures f = rig.stopLoadAndSettle();
                // the "done when": no acknowledged event without its command, and the queued ones in order
                boolean passed = f.missing() == 0 && f.reordered() == 0;
                System.out.printf("kill -9 x%d under %d events/s (%d s): %s -> %s%n", kills, rate,
                        (System.nanoTime() - started) / 1_000_000_000L, f.line(), passed ? "PASS" : "FAIL");
                return passed;
            } finally {
                stop(gateway);
            }
        }
    }

    private static boolean outage(Path work, int rate, Duration outage) throws Exception {
        Files.createDirectories(work);
        try (Rig rig = new Rig(work)) {
            Process gateway = rig.gateway("gateway");
            try {
                rig.awaitHealthy(Duration.ofSeconds(120));
                rig.startLoad(rate);
                Thread.sleep(5_000);
                rig.broker.stop();
                Thread.sleep(outage.toMillis());
                rig.broker.startAgain();
                Thread.sleep(10_000);
                Ledger.Figures f = rig.stopLoadAndSettle();
                long failed = Files.readString(work.resolve("gateway.log")).lines().filter(l -> l.contains("failed: no confirmation")).count();
                boolean passed = f.missing() == 0 && failed == 0;
                System.out.printf("broker stopped %d s under %d events/s: %s, %d command_failed -> %s%n", outage.toSeconds(), rate,
                        f.line(), failed, passed ? "PASS" : "FAIL");
                return passed;
            } finally {
                stop(gateway);
            }
        }
    }

    static void stop(Process gateway) throws InterruptedException {
        gateway.destroy();
        if (!gateway.waitFor(20, TimeUnit.SECONDS)) gateway.destroyForcibly().waitFor();
    }
}
