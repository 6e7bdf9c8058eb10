package dev.hearth.gateway.outbox;

import dev.hearth.gateway.support.KillLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's commits ({@link OutboxWriter}: a new command in, an acknowledged one out, a commit each) killed with
 * SIGKILL at random points: no restart comes back without a row whose commit returned before the kill (a command
 * lost). A row that was removed and comes back would be a duplicate, which at-least-once allows; a restart at an
 * older version of the file would show as a lost row first. Chunks are reused after 1 s (see store.DatabaseKillTest).
 */
class OutboxKillTest {
    @TempDir
    Path dir;

    @Test
    void noCommittedCommandIsLostToAKill() throws Exception {
        KillLoop.Result run = KillLoop.run(OutboxWriter.class, List.of(dir.toString(), "1000"), 12, Duration.ofSeconds(45), Duration.ofMillis(1500));

        assertThat(run.lost()).as("restarts that lost committed commands (seed %d, %d kills)", run.seed(), run.kills()).isEmpty();
    }
}
