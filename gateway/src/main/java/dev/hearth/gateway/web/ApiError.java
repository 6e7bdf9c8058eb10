package dev.hearth.gateway.web;

/** A request the API refuses, with the status and a message for the caller (never a stack trace). */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    int status() {
        return status;
    }
}
