package io.zkmon.alerts.internal.http;

import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.spec.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * The one place that decides whether an HTTP failure is worth retrying: no answer (refused, timed out, TLS trouble),
 * 408, 425, 429 and 5xx are retryable; a redirect and every other 4xx are permanent. Details name the service, the
 * server's origin and what to check, never a secret or a full URL.
 */
public final class HttpFailures {

    private static final int EXCERPT = 200;

    private HttpFailures() {
    }

    /**
     * Classifies an HTTP status.
     *
     * @param service    who we talked to, for people ({@code Slack})
     * @param origin     {@code scheme://host:port} of the server
     * @param status     the HTTP status
     * @param body       the (start of the) response body
     * @param retryAfter the {@code Retry-After} header, or null
     * @param redactor   scrubs secrets from the body excerpt
     */
    public static SendResult forStatus(String service, String origin, int status, String body, String retryAfter, Redactor redactor) {
        if (status >= 200 && status < 300) {
            return SendResult.sent();
        }
        String excerpt = redactor.excerpt(body, EXCERPT);
        String head = service + " at " + origin + " answered HTTP " + status;
        String tail = excerpt.isEmpty() ? "" : ": " + excerpt;
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            String wait = retryAfter == null || retryAfter.isBlank() ? "" : " (Retry-After: " + redactor.excerpt(retryAfter, 40) + ")";
            return SendResult.retryable(head + wait + tail);
        }
        if (status >= 300 && status < 400) {
            return SendResult.permanent(head + " (a redirect; redirects are not followed, so configure the final URL)" + tail);
        }
        String hint = switch (status) {
            case 401, 403 -> " (check the token or key)";
            case 404 -> " (check the URL, room or channel)";
            case 413 -> " (the message is too large)";
            default -> "";
        };
        return SendResult.permanent(head + hint + tail);
    }

    /**
     * Classifies a failure to get an answer at all; every such failure is retryable.
     *
     * @param timeout the request timeout, for the message
     */
    public static SendResult forException(String service, String origin, Throwable error, Duration timeout, Redactor redactor) {
        Throwable e = unwrap(error);
        String to = service + " at " + origin;
        if (e instanceof HttpConnectTimeoutException) {
            return SendResult.retryable("could not connect to " + to + " in time (connect timeout)");
        }
        if (e instanceof HttpTimeoutException) {
            return SendResult.retryable("no answer from " + to + " within " + Durations.format(timeout));
        }
        if (has(e, UnresolvedAddressException.class) || has(e, java.net.UnknownHostException.class)) {
            return SendResult.retryable("could not connect to " + to + ": unknown host");
        }
        if (e instanceof ConnectException || has(e, ConnectException.class)) {
            return SendResult.retryable("could not connect to " + to + " (connection refused)");
        }
        if (has(e, CertificateException.class)) {
            return SendResult.retryable("the TLS certificate of " + to + " is not trusted (add its CA to the JVM's trust store)");
        }
        if (has(e, SSLException.class)) {
            return SendResult.retryable("TLS handshake with " + to + " failed");
        }
        if (e instanceof IOException) {
            String msg = e.getMessage() == null ? "" : ": " + redactor.excerpt(e.getMessage(), 120);
            return SendResult.retryable("could not talk to " + to + " (" + e.getClass().getSimpleName() + msg + ")");
        }
        return SendResult.retryable("unexpected " + e.getClass().getSimpleName() + " talking to " + to);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
