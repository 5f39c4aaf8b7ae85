package io.zkmon.cli.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP endpoint for the webhook alerter: keeps the body of every request it accepts (200), and can be told to
 * answer 500 or to hang (never answer) instead, as a broken receiver would.
 */
final class HttpSink implements AutoCloseable {

    /** How the sink answers. */
    enum Mode { ACCEPT, FAIL, HANG }

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Mode mode = Mode.ACCEPT;

    HttpSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Mode m = mode;
            if (m == Mode.HANG) {
                refused.incrementAndGet();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            if (m == Mode.FAIL) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            bodies.add(body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    void mode(Mode m) {
        mode = m;
    }

    /** Requests answered with a failure (or never answered) so far. */
    int refused() {
        return refused.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
