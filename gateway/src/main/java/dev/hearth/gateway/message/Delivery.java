package dev.hearth.gateway.message;

/** How one publication ended: what the outbox decides on (remove, retry, dead-letter, keep). */
public sealed interface Delivery {

    /** The broker acknowledged it (PUBACK with a success code). */
    record Acknowledged() implements Delivery {
    }

    /** The broker answered with an error reason code (not authorized, topic name invalid, ...). */
    record Refused(int reasonCode, String reason) implements Delivery {
    }

    /** Its lifetime ended before it could be sent; it was not sent. */
    record Expired() implements Delivery {
    }

    /** The link stopped before the broker acknowledged it; it may or may not have arrived. */
    record Stopped() implements Delivery {
    }
}
