package dev.hearth.gateway.store;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Makes the database file come back at its newest commit after a crash or {@code kill -9}, before H2's SQL layer
 * opens it.
 * <p>
 * Why: H2 2.5.252 writes its file header, when it writes one at all, while it writes a chunk, and the header then
 * names the chunk <em>before</em> the one being written ({@code RandomAccessStore.writeChunk} runs before
 * {@code FileStore.storeBuffer} makes the new chunk the last one). It writes a header precisely when a chunk went
 * into reused space where its predecessor did not predict it, so that chunk is found neither from the header, nor
 * through its predecessor's pointer, nor as the file's tail; nor are the chunks after it, until the next header
 * (up to 20 commits later). H2's quick recovery after an unclean shutdown starts from those and settles on an
 * older commit: committed rows are gone (docs/reliability.md, "Gateway killed while saving state"). The commits
 * are in the file all the same; H2's recovery mode scans the whole file for chunks and takes the newest whose
 * chunks are all intact. Closing that store writes a clean header naming it, which the SQL layer then opens.
 * Runs only when the header is not marked clean, so a normal start costs one read of the header; after a crash,
 * a scan of the file (read-only) and, when it found newer commits than H2's quick recovery, one clean close.
 */
final class UncleanShutdown {
    private static final Logger log = LoggerFactory.getLogger(UncleanShutdown.class);
    private static final int HEADER_BLOCK = 4096;

    private UncleanShutdown() {
    }

    /**
     * Settles {@code mvFile} on its newest complete commit if it was not closed cleanly and H2's quick recovery would
     * come back at an older one; true if it had to. Only then is anything written, and only a store whose every chunk
     * the scan found intact: a file H2 cannot read at all is left to the SQL layer's corrupt-file path.
     */
    static boolean settle(Path mvFile) {
        try {
            if (!Files.exists(mvFile) || Files.size(mvFile) < 2L * HEADER_BLOCK || closedCleanly(mvFile)) return false;
            long quick = version(store(mvFile).readOnly());
            long newest = version(store(mvFile).recoveryMode().readOnly());
            if (newest <= quick) return false;
            store(mvFile).recoveryMode().open().close();
            log.warn("Database {} was not closed cleanly (a crash, kill -9 or power cut): H2's own recovery would have reopened it"
                    + " {} commits older (an H2 2.5 defect, see docs/reliability.md); it was reopened at its newest commit", mvFile, newest - quick);
            return true;
        } catch (IOException | MVStoreException e) {
            // unreadable or locked: the SQL layer's open reports it (in use, corrupt) and its own paths take over
            return false;
        }
    }

    private static MVStore.Builder store(Path mvFile) {
        return new MVStore.Builder().fileName(mvFile.toString()).autoCommitDisabled();
    }

    /** The version the store opens at: its newest commit as its recovery sees it. */
    private static long version(MVStore.Builder builder) {
        MVStore store = builder.open();
        try {
            return store.getCurrentVersion();
        } finally {
            store.closeImmediately();
        }
    }

    /** H2 marks both copies of the header {@code clean:1} when it closes the file normally. */
    static boolean closedCleanly(Path mvFile) throws IOException {
        ByteBuffer blocks = ByteBuffer.allocate(2 * HEADER_BLOCK);
        try (FileChannel channel = FileChannel.open(mvFile, StandardOpenOption.READ)) {
            while (blocks.hasRemaining() && channel.read(blocks) >= 0) {
                // read both header blocks
            }
        }
        return markedClean(blocks.array(), 0) && markedClean(blocks.array(), HEADER_BLOCK);
    }

    private static boolean markedClean(byte[] bytes, int from) {
        int end = from;
        while (end < from + HEADER_BLOCK && bytes[end] != '\n' && bytes[end] != 0) end++;
        String header = new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
        return Arrays.asList(header.split(",")).contains("clean:1");
    }
}
