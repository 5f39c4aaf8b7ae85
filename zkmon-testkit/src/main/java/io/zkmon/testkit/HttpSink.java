package io.zkmon.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's {@link HttpServer}) standing in for an alert receiver (a webhook, Slack,
 * PagerDuty, Alertmanager): it records every request and answers as told, with a status and body, or by stalling so
 * that clients time out. Closed after use.
 */
public final class HttpSink implements AutoCloseable {

    /**
     * One request as received. Header names are lower case.
     *
     * @param path the raw path, without the query
     * @param query the raw query (after {@code ?}), or null
     * @param receivedNanos {@link System#nanoTime()} when the body had been read, to measure delivery times
     */
    public record Request(String method, String path, String query, Map<String, String> headers, String body, long receivedNanos) {

        /** A header's value (several joined by commas), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as JSON (needs Jackson, an optional dependency of the testkit). */
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** Jackson, loaded only when a test asks for JSON. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** What to answer. */
    public record Answer(int status, String body, Map<String, String> headers) {
        /** A status and a body, with no extra headers. */
        public static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> acceptedBodies = new ArrayList<>();
    private volatile Function<Request, Answer> answers = r -> Answer.of(200, "");
    private volatile CountDownLatch stall;

    private HttpSink(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Starts a sink on a free port of 127.0.0.1; it answers 200 with an empty body until told otherwise. */
    public static HttpSink start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_000);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "http-sink");
            t.setDaemon(true);
            return t;
        });
        HttpSink sink = new HttpSink(server, pool);
        server.createContext("/", sink::handle);
        server.setExecutor(pool);
        server.start();
        return sink;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long now = System.nanoTime();
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(), headers, body, now);
            synchronized (requests) {
                requests.add(r);
            }
            CountDownLatch s = stall;
            if (s != null) {
                refused.incrementAndGet();
                try {
                    s.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return; // closing without answering
            }
            Answer a = answers.apply(r);
            if (a.status() >= 200 && a.status() < 300) {
                synchronized (requests) {
                    acceptedBodies.add(body);
                }
                accepted.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            if (!a.body().isEmpty()) {
                ex.getResponseHeaders().add("Content-Type", a.body().startsWith("{") || a.body().startsWith("[") ? "application/json" : "text/plain");
            }
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } finally {
            ex.close();
        }
    }

    /** A URL of this sink. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers every request with this status and body. */
    public HttpSink answer(int status, String body) {
        return answer(r -> Answer.of(status, body));
    }

    /** Answers with whatever the function says. */
    public HttpSink answer(Function<Request, Answer> f) {
        release();
        this.answers = f;
        return this;
    }

    /** Takes requests but never answers (until {@link #release()} or close): clients time out. */
    public HttpSink stall() {
        stall = new CountDownLatch(1);
        return this;
    }

    /** Ends a stall. */
    public void release() {
        CountDownLatch s = stall;
        stall = null;
        if (s != null) {
            s.countDown();
        }
    }

    /** Forgets requests and answers 200 again. */
    public void reset() {
        answer(200, "");
        synchronized (requests) {
            requests.clear();
            acceptedBodies.clear();
        }
        accepted.set(0);
        refused.set(0);
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** How many requests were answered with 2xx. */
    public int accepted() {
        return accepted.get();
    }

    /** How many requests were answered with something else, or stalled. */
    public int refused() {
        return refused.get();
    }

    /** The bodies of the requests answered with 2xx, in order: what a receiver would have taken in. */
    public List<String> bodies() {
        synchronized (requests) {
            return List.copyOf(acceptedBodies);
        }
    }

    /** The last request; fails when there was none. */
    public Request last() {
        List<Request> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the sink received no request");
        }
        return all.get(all.size() - 1);
    }

    /** Waits until at least {@code n} requests arrived. */
    public List<Request> awaitRequests(int n, Duration timeout) {
        Awaitility.await("" + n + " requests at " + url("/")).atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> requests().size() >= n);
        return requests();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        pool.shutdownNow();
    }
}
