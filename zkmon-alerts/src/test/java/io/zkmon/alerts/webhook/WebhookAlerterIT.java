package io.zkmon.alerts.webhook;

import io.zkmon.alerts.testing.HttpAlerterContract;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.alerts.testing.Jsons;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.SendResult;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook against a real local HTTP server; its URL carries the secret, as many webhook URLs do. */
class WebhookAlerterIT extends HttpAlerterContract {

    @Override
    protected Alerter newAlerter() {
        return Configs.named("type: webhook, url: '" + sink.url("/hooks/" + SECRET) + "', timeout: 2s");
    }

    @Override
    protected void sinkAccepts() {
        sink.answer(200, "");
    }

    @Override
    protected void sinkFailsRetryably() {
        sink.answer(503, "overloaded, request for /hooks/" + SECRET + " dropped");
    }

    @Override
    protected void sinkFailsPermanently() {
        sink.answer(400, "bad request to /hooks/" + SECRET);
    }

    @Test
    void postsTheDocumentedJsonForAFiringNotification() {
        try (Alerter a = newAlerter()) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();
        }
        HttpSink.Request r = sink.last();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/" + SECRET);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.header("User-Agent")).startsWith("zkmon/");
        assertThat(r.json()).isEqualTo(Jsons.tree("""
                {"version": "1", "status": "firing", "alert": "ZkmonPathOutOfSpec", "path": "/services/foo", "state": "ERROR", "previous_state": "OK",
                 "message": "Found children (0) less than minimum (1)",
                 "children": {"count": 0, "added": [], "removed": ["instance-1"]},
                 "cluster": "zkmonitor", "agent": "agent-1", "dedup_key": "zkmonitor:/services/foo:1795623600000",
                 "started_at": "2026-11-25T16:20:00Z", "ended_at": null, "repeat": false,
                 "status_url": "http://agent-1:8080/status", "severity": "warning", "labels": {}, "annotations": {}}
                """));
    }

    @Test
    void postsTheDocumentedJsonForAResolvedNotification() {
        try (Alerter a = newAlerter()) {
            assertThat(a.send(resolved("/services/foo")).isSent()).isTrue();
        }
        assertThat(sink.last().json()).isEqualTo(Jsons.tree("""
                {"version": "1", "status": "resolved", "alert": "ZkmonPathOutOfSpec", "path": "/services/foo", "state": "OK", "previous_state": "ERROR",
                 "message": "All checks pass.",
                 "children": {"count": 1, "added": ["instance-2"], "removed": ["instance-1"]},
                 "cluster": "zkmonitor", "agent": "agent-1", "dedup_key": "zkmonitor:/services/foo:1795623600000",
                 "started_at": "2026-11-25T16:20:00Z", "ended_at": "2026-11-25T16:21:00Z", "repeat": false,
                 "status_url": "http://agent-1:8080/status", "severity": "warning", "labels": {}, "annotations": {}}
                """));
    }

    @Test
    void usesTheConfiguredMethodAndHeaders() {
        try (Alerter a = Configs.named("type: webhook, url: '" + sink.url("/in") + "', method: put,"
                + " headers: {Authorization: 'Bearer " + SECRET + "', X-Team: platform}")) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();
            assertThat(a.toString()).doesNotContain(SECRET);
        }
        HttpSink.Request r = sink.last();
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(r.header("X-Team")).isEqualTo("platform");
    }

    @Test
    void theScalarFormPostsToThatUrl() {
        try (Alerter a = Configs.alerter("/p: {alerter: {webhook: '" + sink.url("/short") + "'}}\n", "/p#webhook")) {
            assertThat(a.send(firing("/p")).isSent()).isTrue();
        }
        assertThat(sink.last().path()).isEqualTo("/short");
    }

    @Test
    void tooManyRequestsIsRetryableAndShowsRetryAfter() {
        sink.answer(r -> new HttpSink.Answer(429, "slow down", Map.of("Retry-After", "30")));
        try (Alerter a = newAlerter()) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(r.detail()).contains("HTTP 429", "Retry-After: 30", "slow down").doesNotContain(SECRET);
        }
    }

    @Test
    void aServerThatNeverAnswersIsARetryableTimeout() {
        sink.stall();
        try (Alerter a = Configs.named("type: webhook, url: '" + sink.url("/slow/" + SECRET) + "', timeout: 300ms")) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(r.detail()).contains("no answer", "300ms").doesNotContain(SECRET);
        } finally {
            sink.release();
        }
    }

    @Test
    void aRefusedConnectionIsRetryableAndNamesOnlyTheOrigin() {
        var url = FreePorts.refusing("/hooks/" + SECRET);
        try (Alerter a = Configs.named("type: webhook, url: '" + url + "'")) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(r.detail()).contains("could not connect", "http://127.0.0.1:" + url.getPort()).doesNotContain(SECRET, "/hooks");
        }
    }

    @Test
    void aRedirectIsPermanentAndNotFollowed() {
        sink.answer(r -> r.path().equals("/moved") ? new HttpSink.Answer(301, "", Map.of("Location", sink.url("/new").toString()))
                : HttpSink.Answer.of(200, ""));
        try (Alerter a = Configs.named("type: webhook, url: '" + sink.url("/moved") + "'")) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
            assertThat(r.detail()).contains("HTTP 301", "redirect");
        }
        assertThat(sink.requests()).extracting(HttpSink.Request::path).containsExactly("/moved");
    }
}
