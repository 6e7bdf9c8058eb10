package dev.hearth.gateway.store;

/** The database could not be opened or written; the message says which file and what to do. */
public sealed class StoreException extends RuntimeException permits StoreUnavailable {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
