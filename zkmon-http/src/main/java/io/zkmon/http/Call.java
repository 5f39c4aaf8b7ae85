package io.zkmon.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.io.UndertowOutputStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;

/**
 * One request as an endpoint sees it: what was asked, and ways to answer.
 *
 * <p>Answers are rendered into memory (within the {@link ResponseMemory}) and then sent by the I/O thread, so that a
 * client that reads slowly, or not at all, holds no worker thread. An answer that does not fit is streamed to the
 * client as it is written instead, by the worker thread (bounded by the server's write timeout).
 */
final class Call {

    /** The most an answer that is not cached may hold in memory before it is streamed instead. */
    static final long MAX_BUFFERED = 256 * 1024;

    /** How long a request waits for another one rendering the same document before rendering it itself. */
    private static final long WAIT_FOR_RENDER_SECONDS = 60;

    private final HttpServerExchange exchange;
    private final String rest;
    private final ResponseMemory memory;
    private Query query;

    Call(HttpServerExchange exchange, String rest, ResponseMemory memory) {
        this.exchange = exchange;
        this.rest = rest;
        this.memory = memory;
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

    /** Answers with a JSON document; {@code ?pretty} indents it. See {@link #send(int, String, BodyWriter)}. */
    void json(int status, JsonWriter writer) throws IOException {
        boolean pretty = query().flag(Query.PRETTY);
        send(status, Responses.JSON_TYPE, out -> render(out, writer, pretty ? Responses.PRETTY : null));
    }

    /**
     * Answers with a body rendered into memory and sent without holding this thread, or, when it is larger than
     * {@link #MAX_BUFFERED} or memory is short, streamed. When the writer fails, nothing has reached the client if
     * the body was still in memory (so the error can be answered properly); otherwise the exception goes on and the
     * connection is cut, so that a client never takes half a document for a whole one.
     */
    void send(int status, String contentType, BodyWriter writer) throws IOException {
        headers(status, contentType);
        BodyOutput out = new BodyOutput(memory, MAX_BUFFERED, exchange.isInIoThread() ? null : this::startStreaming);
        write(out, writer);
        Body body = out.finish();
        if (body == null) {
            exchange.getOutputStream().close();
        } else {
            sendHeld(body);
        }
    }

    /**
     * Answers with a JSON document rendered once per cache key: the endpoint, the tag (whatever the document depends
     * on besides the request) and the variant (the request: query, shape). {@code ?pretty} is part of the variant.
     * Use only for documents that depend on nothing but what the key names.
     */
    void cachedJson(RenderCache cache, String endpoint, String tag, String variant, JsonWriter writer) throws IOException {
        cached(cache, endpoint, tag, variant + (query().flag(Query.PRETTY) ? "|pretty" : ""), Responses.JSON_TYPE,
                query().flag(Query.PRETTY) ? Responses.PRETTY : null, writer);
    }

    /** Like {@link #cachedJson}, with a content type and a pretty printer (null for none) of the caller's choice. */
    void cached(RenderCache cache, String endpoint, String tag, String variant, String contentType,
                PrettyPrinter printer, JsonWriter writer) throws IOException {
        headers(200, contentType);
        String key = RenderCache.key(endpoint, tag, variant);
        for (int attempt = 0; attempt < 2; attempt++) {
            Body body = cache.get(endpoint, tag, variant);
            if (body != null) {
                sendHeld(body);
                return;
            }
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = cache.claim(key, mine);
            if (other == null) {
                try {
                    BodyOutput out = new BodyOutput(memory, cache.maxDocument(), this::startStreaming);
                    write(out, o -> render(o, writer, printer));
                    body = out.finish();
                    if (body == null) {
                        exchange.getOutputStream().close(); // too large to keep: streamed to this client only
                        return;
                    }
                    cache.put(endpoint, tag, variant, body);
                    sendHeld(body);
                    return;
                } finally {
                    cache.rendered(key, mine);
                }
            }
            waitFor(other);
        }
        // rendered meanwhile but not kept (too large, or memory short): render it for this client alone
        BodyOutput out = new BodyOutput(memory, MAX_BUFFERED, this::startStreaming);
        write(out, o -> render(o, writer, printer));
        Body body = out.finish();
        if (body == null) {
            exchange.getOutputStream().close();
        } else {
            sendHeld(body);
        }
    }

    private static void waitFor(CompletableFuture<Void> rendering) throws IOException {
        try {
            rendering.get(WAIT_FOR_RENDER_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a document being rendered", e);
        } catch (ExecutionException | TimeoutException e) {
            // render it ourselves
        }
    }

    private static void render(OutputStream out, JsonWriter writer, PrettyPrinter printer)
            throws IOException {
        JsonGenerator g = Responses.JSON.createGenerator(out, JsonEncoding.UTF8);
        if (printer != null) {
            // a pretty printer keeps the nesting it is at: one instance per document
            g.setPrettyPrinter(printer instanceof Instantiatable<?> i ? (PrettyPrinter) i.createInstance() : printer);
        }
        writer.write(g);
        g.close();
    }

    private void write(BodyOutput out, BodyWriter writer) throws IOException {
        try {
            writer.write(new NonClosing(out));
        } catch (IOException | RuntimeException | Error e) {
            out.abandon();
            if (!exchange.isResponseStarted() && exchange.isBlocking() && exchange.getOutputStream() instanceof UndertowOutputStream u) {
                u.resetBuffer();
            }
            throw e;
        }
    }

    private void headers(int status, String contentType) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Responses.NOSNIFF, "nosniff");
    }

    private OutputStream startStreaming() {
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        return exchange.getOutputStream();
    }

    /**
     * Sends a body this call holds, from the I/O thread; lets go of it when the client has it all, or is gone. The
     * exchange ends when the send does.
     */
    private void sendHeld(Body body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length());
        AtomicBoolean held = new AtomicBoolean(true);
        Runnable release = () -> {
            if (held.compareAndSet(true, false)) {
                body.release();
            }
        };
        exchange.addExchangeCompleteListener((ex, next) -> {
            release.run();
            next.proceed();
        });
        exchange.getResponseSender().send(body.buffers(), new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, Sender sender) {
                release.run();
                IoCallback.END_EXCHANGE.onComplete(ex, sender);
            }

            @Override
            public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                release.run();
                IoUtils.safeClose(ex.getConnection());
            }
        });
    }

    /** Keeps a writer from completing the response by closing the stream: only {@link Call} does that. */
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
            // Call completes the response
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
     * The request body, read by the I/O thread before the request reached its endpoint ({@link RequestBodies});
     * more than {@code max} bytes is a 413.
     */
    byte[] body(int max) {
        byte[] body = exchange.getAttachment(RequestBodies.BODY);
        if (body == null) {
            return new byte[0];
        }
        if (body.length > max) {
            throw RequestBodies.tooLarge(max);
        }
        return body;
    }

    /** The underlying exchange, for endpoints that answer in their own way. */
    HttpServerExchange exchange() {
        return exchange;
    }
}
