package dev.hearth.gateway.store;

/** What a committed write survives. */
public enum Durability {
    /** A crash or kill -9 of the gateway process (H2 WRITE_DELAY=0). */
    PROCESS,
    /** Also a power cut: every commit is followed by CHECKPOINT SYNC (fsync), so commits are grouped. */
    POWER
}
