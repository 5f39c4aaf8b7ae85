package io.zkmon.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Reads request bodies on the I/O thread, before a request reaches a worker thread: a client that sends its body
 * slowly (or not at all) holds a connection, never a thread. Every body must arrive whole within a deadline; at most
 * {@code max} bytes are kept (more is a 413, after reading up to the server's entity limit so the client sees the
 * answer rather than a reset); and only so many bodies are read at once, so that slow senders cannot hold much
 * memory either.
 */
final class RequestBodies {

    /** The body of a request, once read whole. */
    static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

    private final int max;
    private final Duration deadline;
    private final int concurrent;
    private final AtomicInteger reading = new AtomicInteger();

    /**
     * @param max        the most a body may have
     * @param deadline   how long a body may take to arrive, from its first byte to its last
     * @param concurrent how many bodies may be being read at once
     */
    RequestBodies(int max, Duration deadline, int concurrent) {
        this.max = max;
        this.deadline = deadline;
        this.concurrent = concurrent;
    }

    /** The 413 for a body over {@code max} bytes. */
    static ApiException tooLarge(int max) {
        return new ApiException(413, "the request body is larger than " + (max / 1024) + " KB");
    }

    /** True when the request comes with a body still to be read. */
    static boolean pending(HttpServerExchange exchange) {
        if (exchange.getAttachment(BODY) != null || exchange.isRequestComplete()) {
            return false;
        }
        return exchange.getRequestContentLength() > 0 || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    /**
     * Reads the body on the I/O thread, then hands the request back to {@code next} (on the same thread) with the body
     * attached; answers 413, 408 or 503 itself when the body is too large, too slow, or one too many.
     */
    void read(HttpServerExchange exchange, HttpHandler next) {
        if (exchange.getRequestContentLength() > exchange.getMaxEntitySize() && exchange.getMaxEntitySize() > 0) {
            refuse(exchange, tooLarge(max));
            return;
        }
        if (reading.incrementAndGet() > concurrent) {
            reading.decrementAndGet();
            refuse(exchange, new ApiException(503, "too many request bodies are being received; try again shortly",
                    Map.of("Retry-After", "1")));
            return;
        }
        Reading r = new Reading(exchange, next);
        r.timer = exchange.getIoThread().executeAfter(r::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
        exchange.getRequestReceiver().receivePartialBytes(r::chunk, r::failed);
    }

    /** One body being read; runs on the exchange's I/O thread only. */
    private final class Reading {
        private final HttpServerExchange exchange;
        private final HttpHandler next;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long received;
        private boolean over;
        private boolean done;
        private XnioExecutor.Key timer;

        Reading(HttpServerExchange exchange, HttpHandler next) {
            this.exchange = exchange;
            this.next = next;
        }

        void chunk(HttpServerExchange ex, byte[] bytes, boolean last) {
            if (done) {
                return;
            }
            received += bytes.length;
            if (received > max) {
                over = true; // keep reading (and dropping) up to the entity limit, so the 413 is seen
            } else {
                kept.write(bytes, 0, bytes.length);
            }
            if (last) {
                finish();
                if (over) {
                    refuse(ex, tooLarge(max));
                } else {
                    ex.putAttachment(BODY, kept.toByteArray());
                    ex.dispatch(SameThreadExecutor.INSTANCE, next);
                }
            }
        }

        void failed(HttpServerExchange ex, IOException e) {
            if (done) {
                return;
            }
            finish();
            if (e instanceof RequestTooBigException) {
                refuse(ex, tooLarge(max));
            } else {
                LOG.debug("Reading a request body failed: {}", e.toString());
                IoUtils.safeClose(ex.getConnection());
            }
        }

        void expire() {
            if (done) {
                return;
            }
            finish();
            LOG.debug("A request body took longer than {}: connection closed", deadline);
            refuse(exchange, new ApiException(408, "the request body did not arrive within " + deadline.toSeconds() + " s"));
        }

        private void finish() {
            done = true;
            reading.decrementAndGet();
            if (timer != null) {
                timer.remove();
            }
        }
    }

    /** Answers an error and closes the connection afterwards: what is left of the body is not worth reading. */
    private static void refuse(HttpServerExchange exchange, ApiException e) {
        exchange.setPersistent(false);
        if (!Responses.error(exchange, e.status(), e.getMessage(), e.headers())) {
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
