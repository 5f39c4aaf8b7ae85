package io.zkmon.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import org.xnio.IoUtils;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

/** Shared pieces of responses: the JSON factory, JSON errors, instants, and echoing what a client sent. */
final class Responses {

    /** Thread-safe and shared: generators write to the response stream, never to an intermediate tree. */
    static final JsonFactory JSON = JsonFactory.builder().build();

    static final String JSON_TYPE = "application/json; charset=utf-8";

    /** {@code ?pretty}: Jackson's indentation (a copy is made per document). */
    static final PrettyPrinter PRETTY = new DefaultPrettyPrinter();

    static final HttpString NOSNIFF = HttpString.tryFromString("X-Content-Type-Options");

    private static final int MAX_ECHO = 200;

    private Responses() {
    }

    /**
     * Sends {@code {"status": 404, "error": "Not Found", "message": "..."}}, never with a stack trace; from any thread
     * (on a worker thread of a blocking exchange it blocks, briefly: the body is small). A non-persistent exchange
     * has its connection closed once the answer is out.
     *
     * @return false when the response had already started, so no error could be sent
     */
    static boolean error(HttpServerExchange exchange, int status, String message, Map<String, String> headers) {
        if (exchange.isResponseStarted()) {
            return false;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(body, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("status", status);
            g.writeStringField("error", StatusCodes.getReason(status));
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        exchange.getResponseHeaders().clear();
        headers.forEach((k, v) -> exchange.getResponseHeaders().put(HttpString.tryFromString(k), v));
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON_TYPE);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(NOSNIFF, "nosniff");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.size());
        boolean close = !exchange.isPersistent();
        exchange.getResponseSender().send(ByteBuffer.wrap(body.toByteArray()), new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, Sender sender) {
                if (close) {
                    // flush first (a HEAD answer's headers may still be buffered), then close: what is left of the
                    // request is not worth reading
                    sender.close(new IoCallback() {
                        @Override
                        public void onComplete(HttpServerExchange done, Sender s) {
                            IoUtils.safeClose(done.getConnection());
                        }

                        @Override
                        public void onException(HttpServerExchange done, Sender s, IOException e) {
                            IoUtils.safeClose(done.getConnection());
                        }
                    });
                } else {
                    IoCallback.END_EXCHANGE.onComplete(ex, sender);
                }
            }

            @Override
            public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                IoUtils.safeClose(ex.getConnection());
            }
        });
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
