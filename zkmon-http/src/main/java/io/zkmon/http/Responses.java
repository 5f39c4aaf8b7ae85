package io.zkmon.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Shared pieces of responses: the JSON factory, JSON errors, instants, and echoing what a client sent. */
final class Responses {

    /** Thread-safe and shared: generators write to the response stream, never to an intermediate tree. */
    static final JsonFactory JSON = JsonFactory.builder().build();

    static final String JSON_TYPE = "application/json; charset=utf-8";

    static final HttpString NOSNIFF = HttpString.tryFromString("X-Content-Type-Options");

    private static final int MAX_ECHO = 200;

    private Responses() {
    }

    /**
     * Sends {@code {"status": 404, "error": "Not Found", "message": "..."}}. Never a stack trace.
     *
     * @return false when the response had already started, so no error could be sent
     */
    static boolean error(HttpServerExchange exchange, int status, String message, Map<String, String> headers) throws IOException {
        if (exchange.isResponseStarted()) {
            return false;
        }
        exchange.getResponseHeaders().clear();
        headers.forEach((k, v) -> exchange.getResponseHeaders().put(HttpString.tryFromString(k), v));
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON_TYPE);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(NOSNIFF, "nosniff");
        try (JsonGenerator g = JSON.createGenerator(exchange.getOutputStream(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("status", status);
            g.writeStringField("error", StatusCodes.getReason(status));
            g.writeStringField("message", message);
            g.writeEndObject();
        }
        return true;
    }

    /** Writes an instant as ISO-8601 text, or null. */
    static void instant(JsonGenerator g, String field, Instant at) throws IOException {
        if (at == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, at.toString());
        }
    }

    /** Writes epoch milliseconds as ISO-8601 text. */
    static void instant(JsonGenerator g, String field, long epochMillis) throws IOException {
        g.writeStringField(field, Instant.ofEpochMilli(epochMillis).toString());
    }

    /** Shortens what a client sent before it is echoed in an error message. */
    static String echo(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }
}
