package dev.hearth.gateway.store;

/**
 * The database file cannot be written at all for now (a full disk, an I/O error): nothing was written, and nothing
 * will be until {@link Database} has reopened the file, which it tries by itself every few seconds. What a feature
 * keeps for the next try is worth keeping; a feature must not fall back to writing piece by piece.
 */
public final class StoreUnavailable extends StoreException {
    StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
