package io.zkmon.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import io.zkmon.core.ClusterView;
import io.zkmon.core.MonitorView;
import io.zkmon.core.SelfAlert;
import io.zkmon.core.dispatch.SilenceStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * {@code GET /api/v1/events}: a server-sent event stream that says when something a reader shows has changed, so
 * that the dashboard fetches again only then (and only what it shows) instead of polling on a timer.
 *
 * <p>Each connection is checked every {@link #TICK_MS} ms on its I/O thread (no thread of its own, no blocking): when
 * the monitor's generation, the silences, the cluster or the self-alerts differ from what it was last told, it gets
 * one {@code change} event carrying all four, however many changes happened in between. A {@code ping} event every
 * {@link #PING_MS} ms lets a client tell a quiet server from a lost one. At most {@link #MAX_CONNECTIONS} streams are
 * open at once; beyond that the answer is a 503 and the dashboard polls instead.
 */
final class EventFeed {

    static final long TICK_MS = 250;
    static final long PING_MS = 10_000;
    static final int MAX_CONNECTIONS = 64;
    /** How long a client waits before reconnecting after the stream broke. */
    static final long RETRY_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

    private final MonitorView monitor;
    private final SilenceStore silences;
    private final Supplier<ClusterView> cluster;
    private final Clock clock;
    private final AtomicLong silenceVersion = new AtomicLong();
    private final ServerSentEventHandler sse = new ServerSentEventHandler(this::connected);

    private String cached;
    private long cachedAt = Long.MIN_VALUE;

    EventFeed(MonitorView monitor, SilenceStore silences, Supplier<ClusterView> cluster, Clock clock) {
        this.monitor = monitor;
        this.silences = silences;
        this.cluster = cluster;
        this.clock = clock;
        if (silences != null) {
            silences.addListener(silenceVersion::incrementAndGet);
        }
    }

    /** Opens a stream; called on the I/O thread. */
    void open(HttpServerExchange exchange) throws Exception {
        String query = exchange.getQueryString();
        if (query != null && !query.isEmpty()) {
            refuse(exchange, 400, "/api/v1/events takes no query parameters");
            return;
        }
        if (sse.getConnections().size() >= MAX_CONNECTIONS) {
            refuse(exchange, 503, "too many event streams are open (" + MAX_CONNECTIONS + "); poll /api/v1/summary instead");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Responses.NOSNIFF, "nosniff");
        sse.handleRequest(exchange);
    }

    /** {@code HEAD /api/v1/events}, through the router: what a stream would be, without one. */
    void head(Call call) {
        call.query().allow();
        call.responseHeader(Headers.CONTENT_TYPE, "text/event-stream; charset=UTF-8");
        call.empty(200);
    }

    private static void refuse(HttpServerExchange exchange, int status, String message) {
        String body = "{\"status\":" + status + ",\"error\":\"" + io.undertow.util.StatusCodes.getReason(status)
                + "\",\"message\":\"" + message + "\"}";
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Responses.JSON_TYPE);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    private void connected(ServerSentEventConnection connection, String lastEventId) {
        XnioIoThread io = XnioIoThread.currentThread();
        if (io == null) { // Undertow calls back on the connection's I/O thread; anything else is a bug of ours
            LOG.error("An event stream was opened off its I/O thread; closing it (the dashboard falls back to polling)");
            connection.shutdown();
            return;
        }
        Stream stream = new Stream(connection, io);
        connection.addCloseTask(c -> stream.stop());
        connection.sendRetry(RETRY_MS);
        stream.tick();
    }

    /** One client's stream: what it was last told. Touched only on its I/O thread. */
    private final class Stream {
        private final ServerSentEventConnection connection;
        private final XnioIoThread io;
        private String told;
        private long lastSent = Long.MIN_VALUE;
        private XnioExecutor.Key next;
        private boolean stopped;

        Stream(ServerSentEventConnection connection, XnioIoThread io) {
            this.connection = connection;
            this.io = io;
        }

        void stop() {
            stopped = true;
            if (next != null) {
                next.remove();
            }
        }

        /** Tells the client what changed, if anything, and comes back in a tick. */
        void tick() {
            if (stopped || !connection.isOpen()) {
                return;
            }
            tell();
            try {
                next = io.executeAfter(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the server is stopping: its I/O thread takes no more work, and the connection goes with it
                stopped = true;
            }
        }

        private void tell() {
            try {
                String now = current();
                long at = clock.millis();
                if (!now.equals(told)) {
                    told = now;
                    lastSent = at;
                    connection.send(now, "change", null, null);
                } else if (at - lastSent >= PING_MS) {
                    lastSent = at;
                    connection.send("{\"at\":\"" + clock.instant() + "\"}", "ping", null, null);
                }
            } catch (RejectedExecutionException e) {
                stopped = true; // the server is stopping (the send was refused by its I/O thread)
            } catch (RuntimeException e) {
                // a view that failed to answer: the stream is closed so the client notices and falls back to polling
                LOG.warn("Closing an event stream: reading the monitor failed", e);
                stopped = true;
                connection.shutdown();
            }
        }
    }

    /**
     * What a client is told: the monitor's generation and fingerprints of the silences, the cluster and the
     * self-alerts. Worked out at most once per tick for every stream together.
     */
    synchronized String current() {
        long now = clock.millis();
        if (cached != null && now - cachedAt < TICK_MS - 10) {
            return cached;
        }
        StringBuilder s = new StringBuilder(128);
        s.append("{\"generation\":").append(monitor.generation());
        s.append(",\"silences\":\"").append(silenceVersion.get()).append('.').append(ActiveSilences.count(silences, clock.instant()));
        s.append("\",\"cluster\":\"").append(Integer.toHexString(clusterHash()));
        s.append("\",\"self_alerts\":\"").append(Integer.toHexString(selfAlertHash()));
        s.append("\"}");
        cached = s.toString();
        cachedAt = now;
        return cached;
    }

    private int clusterHash() {
        ClusterView c = cluster.get();
        int h = java.util.Objects.hash(c.leader(), c.legacySender(), c.secured());
        for (ClusterView.Agent a : c.agents()) {
            h = 31 * h + a.hashCode();
        }
        return h;
    }

    private int selfAlertHash() {
        int h = 1;
        for (SelfAlert a : monitor.selfAlerts()) {
            h = 31 * h + java.util.Objects.hash(a.kind(), a.firing(), a.since());
        }
        return 31 * h + monitor.server().hashCode();
    }
}
