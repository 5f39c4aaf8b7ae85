package io.zkmon.alerts.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.alerts.testing.Jsons;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.testing.AlerterContract;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Alertmanager backend against real local HTTP servers (exact JSON, several URLs, failures). The run against a
 * real Alertmanager is {@link RealAlertmanagerIT}. The contract's secret is an {@code Authorization} header (for
 * an Alertmanager behind an authenticating proxy), which must never show up in failure details.
 */
class AlertmanagerAlerterIT extends AlerterContract {

    private static HttpSink sink;
    private static HttpSink second;

    @BeforeAll
    static void startSinks() throws Exception {
        sink = HttpSink.start();
        second = HttpSink.start();
    }

    @AfterAll
    static void stopSinks() {
        sink.close();
        second.close();
    }

    @BeforeEach
    void resetSinks() {
        sink.reset();
        second.reset();
    }

    @Override
    protected Alerter newAlerter() {
        return Configs.named("type: alertmanager, url: '" + sink.url("") + "', labels: {team: platform},"
                + " headers: {Authorization: 'Basic " + SECRET + "'}");
    }

    @Override
    protected void sinkAccepts() {
        sink.answer(200, "");
    }

    @Override
    protected void sinkFailsRetryably() {
        sink.answer(503, "");
    }

    @Override
    protected void sinkFailsPermanently() {
        sink.answer(400, "{\"code\":400,\"message\":\"bad request with Basic " + SECRET + "\"}");
    }

    @Override
    protected int delivered() {
        return sink.accepted();
    }

    @Test
    void postsOneAlertWithLabelsAnnotationsAndStartsAt() {
        try (Alerter a = newAlerter()) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();
        }
        HttpSink.Request r = sink.last();
        assertThat(r.path()).isEqualTo("/api/v2/alerts");
        assertThat(r.header("Authorization")).isEqualTo("Basic " + SECRET);
        assertThat(r.json()).isEqualTo(Jsons.tree("""
                [{"labels": {"alertname": "ZkmonPathOutOfSpec", "path": "/services/foo", "cluster": "zkmonitor", "severity": "warning", "team": "platform"},
                  "annotations": {"summary": "/services/foo out of spec",
                                  "description": "Found children (0) less than minimum (1) Children: 0 (removed: instance-1; added: none).",
                                  "agent": "agent-1"},
                  "startsAt": "2026-11-25T16:20:00Z",
                  "generatorURL": "http://agent-1:8080/status"}]
                """));
    }

    @Test
    void aRecoveryCarriesEndsAtWithTheSameLabels() {
        try (Alerter a = newAlerter()) {
            a.send(firing("/services/foo"));
            a.send(resolved("/services/foo"));
        }
        var firing = sink.requests().get(0).json().get(0);
        var resolved = sink.requests().get(1).json().get(0);
        assertThat(resolved.path("labels")).isEqualTo(firing.path("labels"));
        assertThat(resolved.path("startsAt").asText()).isEqualTo("2026-11-25T16:20:00Z");
        assertThat(resolved.path("endsAt").asText()).isEqualTo("2026-11-25T16:21:00Z");
        assertThat(resolved.path("annotations").path("summary").asText()).isEqualTo("/services/foo back in spec");
    }

    @Test
    void asksTheDispatcherToRefreshEveryMinuteByDefault() {
        try (Alerter a = newAlerter(); Alerter b = Configs.named("type: alertmanager, url: '" + sink.url("") + "', refresh_interval: 15s")) {
            assertThat(a.refreshInterval()).isEqualTo(Duration.ofSeconds(60));
            assertThat(b.refreshInterval()).isEqualTo(Duration.ofSeconds(15));
        }
    }

    @Test
    void keepsAPathPrefixAndAcceptsTheFullApiUrl() {
        try (Alerter prefixed = Configs.named("type: alertmanager, url: '" + sink.url("/am/") + "'");
                Alerter full = Configs.named("type: alertmanager, url: '" + sink.url("/api/v2/alerts") + "'")) {
            prefixed.send(firing("/p"));
            full.send(firing("/p"));
        }
        assertThat(sink.requests()).extracting(HttpSink.Request::path).containsExactly("/am/api/v2/alerts", "/api/v2/alerts");
    }

    @Test
    void sendsToEveryListedAlertmanager() {
        try (Alerter a = Configs.named("type: alertmanager, urls: ['" + sink.url("") + "', '" + second.url("") + "']")) {
            assertThat(a.send(firing("/p")).isSent()).isTrue();
        }
        assertThat(sink.requests()).hasSize(1);
        assertThat(second.requests()).hasSize(1);
        assertThat(second.last().body()).isEqualTo(sink.last().body());
    }

    @Test
    void isSentWhenOneOfSeveralAcceptedAndNamesTheOneThatFailed() {
        var down = FreePorts.refusing("");
        try (Alerter a = Configs.named("type: alertmanager, urls: ['" + sink.url("") + "', '" + down + "']")) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.SENT);
            assertThat(r.detail()).contains("accepted by 1 of 2", "127.0.0.1:" + down.getPort());
        }
    }

    @Test
    void isRetryableWhenNoneAcceptedAndOneMayLater() {
        sink.answer(400, "bad");
        second.answer(503, "");
        try (Alerter a = Configs.named("type: alertmanager, urls: ['" + sink.url("") + "', '" + second.url("") + "']")) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(r.detail()).contains("accepted by 0 of 2", "HTTP 400", "HTTP 503");
        }
    }

    @Test
    void isPermanentWhenEveryAlertmanagerRefused() {
        sink.answer(400, "bad");
        second.answer(422, "bad");
        try (Alerter a = Configs.named("type: alertmanager, urls: ['" + sink.url("") + "', '" + second.url("") + "']")) {
            assertThat(a.send(firing("/p")).outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
        }
    }

    @Test
    void aSlowAlertmanagerDoesNotDelayTheOthersPastTheTimeout() {
        second.stall();
        try (Alerter a = Configs.named("type: alertmanager, urls: ['" + sink.url("") + "', '" + second.url("") + "'], timeout: 500ms")) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.SENT);
            assertThat(r.detail()).contains("accepted by 1 of 2", "no answer");
        } finally {
            second.release();
        }
    }
}
