package io.zkmon.alerts.internal.http;

import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.Version;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.spec.Durations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends JSON over HTTP for one alerter with {@link java.net.http.HttpClient}, and classifies what happened with
 * {@link HttpFailures}. The client (and its threads) comes from the provider's {@link SharedHttpClient} on the first
 * request, never at config load, and is given back by {@link #close()}. Every request has a connect timeout and an
 * overall deadline that also covers a server that stalls while sending its body; response bodies are read up to
 * 64 KiB. Redirects are not followed; the JVM's proxy settings ({@code https.proxyHost}, ...) are honoured.
 * Internal to zkmon-alerts.
 */
public final class HttpSender implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String USER_AGENT = "zkmon/" + Version.get();

    private final String service;
    private final Duration timeout;
    private final Redactor redactor;
    private final SharedHttpClient shared;
    private final Object lock = new Object();
    private HttpClient client;
    private boolean closed;

    /**
     * @param service  who this talks to, for messages ({@code Slack}, {@code PagerDuty})
     * @param timeout  how long one request may take, answer included
     * @param redactor scrubs the alerter's secrets from failure details
     * @param shared   where the client comes from (one per provider)
     */
    public HttpSender(String service, Duration timeout, Redactor redactor, SharedHttpClient shared) {
        this.service = Objects.requireNonNull(service, "service");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    /** The request timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** POSTs a JSON body and waits for the classified answer. */
    public HttpReply postJson(URI url, Map<String, String> headers, String json) {
        return await(sendAsync("POST", url, headers, json), url);
    }

    /** Sends a JSON body (or none, when {@code json} is null) with any method and waits for the classified answer. */
    public HttpReply send(String method, URI url, Map<String, String> headers, String json) {
        return await(sendAsync(method, url, headers, json), url);
    }

    /**
     * Starts a request, with a JSON body or, when {@code json} is null, none; the future always completes normally
     * with a classified reply. Wait for it with
     * {@link #await}, which also enforces the deadline.
     */
    public CompletableFuture<HttpReply> sendAsync(String method, URI url, Map<String, String> headers, String json) {
        String origin = Redactor.origin(url);
        HttpClient c = client();
        if (c == null) {
            return CompletableFuture.completedFuture(new HttpReply(0, "", SendResult.retryable(service + " alerter is closed")));
        }
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("User-Agent", USER_AGENT);
            if (json == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json; charset=utf-8")
                        .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            }
            headers.forEach(b::setHeader);
            request = b.build();
        } catch (IllegalArgumentException e) {
            // config validation checks headers; this is a last line of defence and must not show header values
            return CompletableFuture.completedFuture(new HttpReply(0, "", SendResult.permanent("invalid request for " + service + " at " + origin)));
        }
        CompletableFuture<HttpResponse<String>> exchange;
        try {
            exchange = c.sendAsync(request, info -> new BoundedBody(MAX_BODY_BYTES));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new HttpReply(0, "", HttpFailures.forException(service, origin, e, timeout, redactor)));
        }
        CompletableFuture<HttpReply> reply = exchange.handle((response, error) -> {
            if (error != null) {
                return new HttpReply(0, "", HttpFailures.forException(service, origin, error, timeout, redactor));
            }
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            return new HttpReply(response.statusCode(), response.body(),
                    HttpFailures.forStatus(service, origin, response.statusCode(), response.body(), retryAfter, redactor));
        });
        // cancelling the reply (deadline passed) aborts the exchange too
        reply.whenComplete((r, e) -> {
            if (reply.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return reply;
    }

    /**
     * Waits for a reply from {@link #sendAsync} until the request timeout (plus a second of slack) has passed; a
     * reply still missing then counts as a retryable timeout and the exchange is aborted.
     */
    public HttpReply await(CompletableFuture<HttpReply> pending, URI url) {
        try {
            return pending.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new HttpReply(0, "", SendResult.retryable("no complete answer from " + service + " at " + Redactor.origin(url) + " within "
                    + Durations.format(timeout)));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new HttpReply(0, "", SendResult.retryable("interrupted while sending to " + service));
        } catch (ExecutionException e) {
            return new HttpReply(0, "", HttpFailures.forException(service, Redactor.origin(url), e, timeout, redactor));
        } catch (java.util.concurrent.CancellationException e) {
            return new HttpReply(0, "", SendResult.retryable("sending to " + service + " was cancelled"));
        }
    }

    private HttpClient client() {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            if (client == null) {
                client = shared.acquire();
            }
            return client;
        }
    }

    /** Gives the client back. Later requests fail as retryable ("closed"), so a retry reaches a reloaded alerter. */
    @Override
    public void close() {
        boolean held;
        synchronized (lock) {
            closed = true;
            held = client != null;
            client = null;
        }
        if (held) {
            shared.release();
        }
    }

    @Override
    public String toString() {
        return "HttpSender[" + service + ", timeout " + Durations.format(timeout) + "]";
    }
}
