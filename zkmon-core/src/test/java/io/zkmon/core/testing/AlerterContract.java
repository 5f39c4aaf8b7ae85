package io.zkmon.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.spec.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every alerter backend's test extends: it must deliver firing and resolved notifications,
 * classify failures as retryable or permanent, and never show its secret in a result or in {@code toString()}.
 * A subclass points the alerter at a real local sink (an HTTP server, an SMTP server) it controls.
 */
public abstract class AlerterContract {

    /** The secret every backend is configured with; it must never show up in what the alerter reports. */
    protected static final String SECRET = "s3cr3t-Zk-7f1c9a";

    private Alerter alerter;

    /** Creates the alerter under test, configured with {@link #SECRET} wherever it takes a secret (token, password, key, URL). */
    protected abstract Alerter newAlerter() throws Exception;

    /** Makes the sink accept deliveries (the default state). */
    protected abstract void sinkAccepts() throws Exception;

    /** Makes the sink fail in a way a retry may fix (HTTP 503 or 429, SMTP server down). */
    protected abstract void sinkFailsRetryably() throws Exception;

    /** Makes the sink fail in a way a retry cannot fix (HTTP 400/401/404, SMTP rejecting the recipient or login). */
    protected abstract void sinkFailsPermanently() throws Exception;

    /** How many notifications the sink has received so far. */
    protected abstract int delivered() throws Exception;

    /** A firing notification as the dispatcher would send it. */
    public static Notification firing(String path) {
        Instant start = Instant.parse("2026-11-25T16:20:00Z");
        return new Notification(Notification.Kind.FIRING, path, State.ERROR, State.OK, "Found children (0) less than minimum (1)", 0,
                List.of(), List.of("instance-1"), "zkmonitor", "agent-1", start, start.plusSeconds(10),
                "zkmonitor:" + path + ":" + start.toEpochMilli(), false, "http://agent-1:8080/status");
    }

    /** The resolved notification closing {@link #firing(String)}. */
    public static Notification resolved(String path) {
        Notification f = firing(path);
        return new Notification(Notification.Kind.RESOLVED, path, State.OK, State.ERROR, "All checks pass.", 1,
                List.of("instance-2"), List.of("instance-1"), f.cluster(), f.agent(), f.startedAt(), f.at().plusSeconds(50),
                f.dedupKey(), false, f.statusUrl());
    }

    private Alerter alerter() throws Exception {
        if (alerter == null) {
            alerter = newAlerter();
        }
        return alerter;
    }

    @AfterEach
    void closeAlerter() {
        if (alerter != null) {
            alerter.close();
        }
    }

    @Test
    void deliversAFiringNotification() throws Exception {
        sinkAccepts();
        int before = delivered();
        SendResult r = alerter().send(firing("/contract/firing"));
        assertEquals(SendResult.Outcome.SENT, r.outcome(), "outcome: " + r.detail());
        assertTrue(delivered() > before, "the sink received nothing");
    }

    @Test
    void deliversAResolvedNotification() throws Exception {
        sinkAccepts();
        int before = delivered();
        SendResult r = alerter().send(resolved("/contract/resolved"));
        assertEquals(SendResult.Outcome.SENT, r.outcome(), "outcome: " + r.detail());
        assertTrue(delivered() > before, "the sink received nothing");
    }

    @Test
    void reportsARetryableFailure() throws Exception {
        sinkFailsRetryably();
        SendResult r = alerter().send(firing("/contract/retryable"));
        assertEquals(SendResult.Outcome.RETRYABLE, r.outcome(), "outcome: " + r.detail());
        assertFalse(r.detail().isBlank(), "a failure must say why");
        assertNoSecret(r);
    }

    @Test
    void reportsAPermanentFailure() throws Exception {
        sinkFailsPermanently();
        SendResult r = alerter().send(firing("/contract/permanent"));
        assertEquals(SendResult.Outcome.PERMANENT, r.outcome(), "outcome: " + r.detail());
        assertFalse(r.detail().isBlank(), "a failure must say why");
        assertNoSecret(r);
    }

    @Test
    void neverShowsItsSecret() throws Exception {
        sinkAccepts();
        assertFalse(String.valueOf(alerter()).contains(SECRET), "toString() shows the secret");
        SendResult r = alerter().send(firing("/contract/secret"));
        assertNoSecret(r);
    }

    private static void assertNoSecret(SendResult r) {
        assertFalse(r.detail().contains(SECRET), "the result shows the secret: " + r.detail());
        assertFalse(r.toString().contains(SECRET), "the result shows the secret: " + r);
    }
}
