package io.zkmon.bench;

import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A local HTTP endpoint (Undertow) that counts webhook POSTs and remembers when each path's first one arrived. */
final class WebhookSink implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("\"path\"\\s*:\\s*\"([^\"]+)\"");

    private final Undertow server;
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private final AtomicLong posts = new AtomicLong();
    private volatile long last;

    WebhookSink() {
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
                    long now = System.nanoTime();
                    posts.incrementAndGet();
                    Matcher m = PATH.matcher(new String(body, StandardCharsets.UTF_8));
                    if (m.find() && firstArrival.putIfAbsent(m.group(1), now) == null) {
                        last = now;
                    }
                    ex.setStatusCode(200);
                    ex.endExchange();
                }))
                .build();
        server.start();
    }

    String url() {
        InetSocketAddress a = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        return "http://127.0.0.1:" + a.getPort() + "/hook";
    }

    int distinctPaths() {
        return firstArrival.size();
    }

    long posts() {
        return posts.get();
    }

    long lastFirstArrival() {
        return last;
    }

    @Override
    public void close() {
        server.stop();
    }
}
