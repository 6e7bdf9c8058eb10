package dev.hearth.gateway.store;

/** The database could not be opened or written; the message says which file and what to do. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
