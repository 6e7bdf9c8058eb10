package dev.hearth.gateway.notify;

/** The other side answered and refused (a 4xx, a permanent SMTP reply): trying again would not help. */
final class Refused extends RuntimeException {
    Refused(String reason) {
        super(reason, null, false, false);
    }
}
