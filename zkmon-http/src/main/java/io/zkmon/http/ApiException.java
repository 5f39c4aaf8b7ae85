package io.zkmon.http;

import java.util.Map;

/**
 * A request that cannot be served, with a message for the person who sent it. Endpoints throw it and the
 * {@link Router} turns it into a JSON error. It has no stack trace: a user's mistake is not a bug.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final transient Map<String, String> headers;

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** The HTTP status. */
    int status() {
        return status;
    }

    /** Extra response headers ({@code Allow}, {@code WWW-Authenticate}). */
    Map<String, String> headers() {
        return headers;
    }
}
