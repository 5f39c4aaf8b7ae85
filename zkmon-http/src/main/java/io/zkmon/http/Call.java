package io.zkmon.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.undertow.io.UndertowOutputStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One request as an endpoint sees it: what was asked, and ways to answer. Runs on a worker thread, blocking. */
final class Call {

    private final HttpServerExchange exchange;
    private final String rest;
    private Query query;

    Call(HttpServerExchange exchange, String rest) {
        this.exchange = exchange;
        this.rest = rest;
    }

    /** The part of the (undecoded) path after a prefix route such as {@code /api/v1/paths/}; empty otherwise. */
    String rest() {
        return rest;
    }

    /** The query parameters, decoded. */
    Query query() {
        if (query == null) {
            query = Query.parse(exchange.getQueryString());
        }
        return query;
    }

    /** The raw query string (empty when none), for cache keys. */
    String rawQuery() {
        String q = exchange.getQueryString();
        return q == null ? "" : q;
    }

    /** A request header, or null. */
    String header(HttpString name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Writes a JSON document. */
    @FunctionalInterface
    interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes a body to a stream. */
    @FunctionalInterface
    interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Answers with a JSON document streamed to the client; {@code ?pretty} indents it. See {@link #stream}. */
    void json(int status, JsonWriter writer) throws IOException {
        boolean pretty = query().flag(Query.PRETTY);
        stream(status, Responses.JSON_TYPE, out -> {
            JsonGenerator g = Responses.JSON.createGenerator(out, JsonEncoding.UTF8);
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            writer.write(g);
            g.close();
        });
    }

    /**
     * Answers with a JSON document rendered once per cache key; {@code ?pretty} is part of the key. Use only for
     * documents that depend on nothing but what the key names.
     */
    void cachedJson(RenderCache cache, String key, JsonWriter writer) throws IOException {
        boolean pretty = query().flag(Query.PRETTY);
        String fullKey = key + (pretty ? "|pretty" : "");
        byte[] body = cache.get(fullKey);
        if (body == null) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
            JsonGenerator g = Responses.JSON.createGenerator(buf, JsonEncoding.UTF8);
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            writer.write(g);
            g.close();
            body = buf.toByteArray();
            cache.put(fullKey, body);
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Responses.JSON_TYPE);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Responses.NOSNIFF, "nosniff");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        OutputStream out = exchange.getOutputStream();
        out.write(body);
        out.close();
    }

    /**
     * Answers with a body streamed to the client. When the writer fails, what it wrote is dropped if none of it has
     * left yet (so the error can still be answered properly); otherwise the exception goes on and the connection is
     * cut, so that a client never takes half a document for a whole one.
     */
    void stream(int status, String contentType, BodyWriter writer) throws IOException {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Responses.NOSNIFF, "nosniff");
        OutputStream out = exchange.getOutputStream();
        try {
            writer.write(new NonClosing(out));
        } catch (IOException | RuntimeException | Error e) {
            if (!exchange.isResponseStarted() && out instanceof UndertowOutputStream u) {
                u.resetBuffer();
            }
            throw e;
        }
        out.close();
    }

    /** Keeps a writer from completing the response by closing the stream: only {@link #stream} does that. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() {
            // the server's buffer sends when full; an early flush would only force chunked encoding
        }

        @Override
        public void close() {
            // stream() completes the response
        }
    }

    /** Answers with a status and no body. */
    void empty(int status) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
    }

    /** Sets a response header. */
    void responseHeader(HttpString name, String value) {
        exchange.getResponseHeaders().put(name, value);
    }

    /**
     * Reads the request body, refusing more than {@code max} bytes with a 413 (before reading, when the client
     * declared the length; else as soon as it goes past).
     */
    byte[] body(int max) throws IOException {
        long declared = exchange.getRequestContentLength();
        InputStream in = exchange.getInputStream();
        if (declared > max) {
            throw tooLarge(max, in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > max) {
                throw tooLarge(max, in);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Bodies up to this size are read to the end before a 413, so the client is not cut off while still sending. */
    private static final long DRAIN_LIMIT = 1024 * 1024;

    private ApiException tooLarge(int max, InputStream in) throws IOException {
        // Read and drop what is left (within a bound): a client still sending when the answer comes would see its
        // connection reset instead of the 413. Past the bound, answer anyway and do not keep the connection.
        byte[] buf = new byte[8192];
        long drained = 0;
        int n;
        while (drained <= DRAIN_LIMIT && (n = in.read(buf)) > 0) {
            drained += n;
        }
        if (drained > DRAIN_LIMIT) {
            exchange.setPersistent(false);
        }
        return new ApiException(413, "the request body is larger than " + (max / 1024) + " KB");
    }

    /** The underlying exchange, for endpoints that stream something other than JSON. */
    HttpServerExchange exchange() {
        return exchange;
    }
}
