package io.zkmon.alerts.pagerduty;

import io.zkmon.alerts.testing.HttpAlerterContract;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.alerts.testing.Jsons;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.spec.State;
import io.zkmon.testkit.HttpSink;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PagerDuty Events API v2 against a real local HTTP server standing in for events.pagerduty.com. */
class PagerDutyAlerterIT extends HttpAlerterContract {

    private static final String ACCEPTED = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}";

    @Override
    protected Alerter newAlerter() {
        return Configs.named("type: pagerduty, routing_key: " + SECRET + ", url: '" + sink.url("/v2/enqueue") + "'");
    }

    @Override
    protected void sinkAccepts() {
        sink.answer(202, ACCEPTED);
    }

    @Override
    protected void sinkFailsRetryably() {
        sink.answer(429, "{\"status\":\"throttle exceeded\",\"message\":\"Requests for this service are arriving too quickly.\"}");
    }

    @Override
    protected void sinkFailsPermanently() {
        // PagerDuty echoing the key back must not leak it into the detail
        sink.answer(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"routing_key " + SECRET
                + " is not valid\"]}");
    }

    @Test
    void triggersWithTheNotificationsDedupKey() {
        try (Alerter a = newAlerter()) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();
        }
        HttpSink.Request r = sink.last();
        assertThat(r.path()).isEqualTo("/v2/enqueue");
        assertThat(r.json()).isEqualTo(Jsons.tree("""
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "zkmonitor:/services/foo:1795623600000",
                 "payload": {"summary": "/services/foo out of spec: Found children (0) less than minimum (1)",
                             "source": "zkmonitor", "severity": "warning", "timestamp": "2026-11-25T16:20:00Z",
                             "component": "/services/foo", "class": "znode out of spec",
                             "custom_details": {"alert": "ZkmonPathOutOfSpec", "message": "Found children (0) less than minimum (1)", "state": "ERROR",
                                                "previous_state": "OK",
                                                "children": {"count": 0, "added": [], "removed": ["instance-1"]},
                                                "agent": "agent-1", "severity": "warning"}},
                 "client": "zkmon", "client_url": "http://agent-1:8080/status"}
                """.formatted(SECRET)));
    }

    @Test
    void resolvesTheSameIncident() {
        try (Alerter a = Configs.named("type: pagerduty, routing_key: " + SECRET + ", severity: critical, url: '" + sink.url("/v2/enqueue") + "'")) {
            a.send(firing("/services/foo"));
            a.send(resolved("/services/foo"));
        }
        List<HttpSink.Request> rs = sink.requests();
        assertThat(rs.get(0).json().path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(rs.get(1).json()).isEqualTo(Jsons.tree("""
                {"routing_key": "%s", "event_action": "resolve", "dedup_key": "zkmonitor:/services/foo:1795623600000"}
                """.formatted(SECRET)));
    }

    @Test
    void aDedupKeyLongerThanPagerDutyAllowsIsHashedStably() {
        String deep = "/very" + "/deep".repeat(60);
        Notification f = firing(deep);
        Instant at = f.at().plusSeconds(5);
        Notification r = new Notification(Notification.Kind.RESOLVED, deep, State.OK, State.ERROR, "ok", 1, null, null, f.cluster(),
                f.agent(), f.startedAt(), at, f.dedupKey(), false, null);
        try (Alerter a = newAlerter()) {
            a.send(f);
            a.send(r);
        }
        String trigger = sink.requests().get(0).json().path("dedup_key").asText();
        String resolve = sink.requests().get(1).json().path("dedup_key").asText();
        assertThat(trigger).hasSizeLessThanOrEqualTo(255).startsWith("zkmon:sha256:").isEqualTo(resolve);
    }

    @Test
    void serverErrorsAreRetryableAndOtherClientErrorsPermanent() {
        try (Alerter a = newAlerter()) {
            sink.answer(500, "oops");
            assertThat(a.send(firing("/p")).outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            sink.answer(403, "forbidden");
            assertThat(a.send(firing("/p")).outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
            sink.answer(202, ACCEPTED);
            assertThat(a.send(firing("/p")).isSent()).isTrue();
        }
    }
}
