package dev.hearth.bench;

import dev.hearth.gateway.store.Durability;
import dev.hearth.sim.broker.MosquittoBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measuring API the benchmark uses works: group commits (one per batch, whatever the durability) and a
 * backlog drained to a real broker. The figures themselves are the benchmark's business, not asserted here.
 */
class OutboxThroughputTest {

    @TempDir
    Path dir;

    @Test
    void storeRatesCountOneCommitPerBatchForBothDurabilities() {
        for (Durability d : Durability.values()) {
            OutboxThroughput.StoreRates rates = OutboxThroughput.store(dir.resolve(d.name()), d, 1000, 50);
            System.out.println("outbox store " + rates);
            assertThat(rates.commits()).isEqualTo(40);
            assertThat(rates.appendPerSecond()).isPositive();
        }
    }

    @Test
    void aBacklogLeftByAnOutageDrainsCompletelyToTheBroker() {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            OutboxThroughput.CatchUp catchUp = OutboxThroughput.catchUp(dir, Durability.PROCESS, broker.url(), 2000);
            System.out.println("outbox catch-up " + catchUp);
            assertThat(catchUp.messages()).isEqualTo(2000);
            assertThat(catchUp.perSecond()).isPositive();
            // four commits of 500 appends, each at least one 4 KiB block of the file: the count sees the threads that commit
            assertThat(catchUp.written().bytesWritten()).isGreaterThanOrEqualTo(4 * 4096L);
        }
    }

    @Test
    void writeCostsCountTheDatabaseAndNotTheBrokersSocket() {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            OutboxThroughput.WriteCost live = OutboxThroughput.acknowledgedWhileUp(dir.resolve("live"), Durability.PROCESS, broker.url(),
                    500, 16, 1024);
            System.out.println("outbox write cost " + live + " " + live.bytesPerMessage() + " B/message");
            assertThat(live.payloadBytes()).isEqualTo(1024.0);
            // 500 KiB of payload went over the socket; what the database wrote is counted apart from it
            assertThat(live.bytesWritten()).isLessThan(500L * 1024);
        }
    }
}
