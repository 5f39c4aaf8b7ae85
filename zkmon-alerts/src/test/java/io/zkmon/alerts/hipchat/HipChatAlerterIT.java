package io.zkmon.alerts.hipchat;

import io.zkmon.alerts.testing.HttpAlerterContract;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.testkit.HttpSink;
import org.junit.jupiter.api.Test;

/** HipChat's v2 room notification API against a real local HTTP server playing a self-hosted HipChat. */
class HipChatAlerterIT extends HttpAlerterContract {

    @Override
    protected Alerter newAlerter() {
        return Configs.named("type: hipchat, room: Ops Room, token: " + SECRET + ", from: zkmon-prod, url: '" + sink.url("/hipchat") + "'");
    }

    @Override
    protected void sinkAccepts() {
        sink.answer(204, "");
    }

    @Override
    protected void sinkFailsRetryably() {
        sink.answer(503, "{\"error\": {\"code\": 503, \"message\": \"Service unavailable\"}}");
    }

    @Override
    protected void sinkFailsPermanently() {
        sink.answer(401, "{\"error\": {\"code\": 401, \"message\": \"Invalid OAuth session: " + SECRET + "\", \"type\": \"Unauthorized\"}}");
    }

    @Test
    void postsARedTextNotificationToTheRoomWithABearerToken() {
        try (Alerter a = newAlerter()) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();
        }
        HttpSink.Request r = sink.last();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hipchat/v2/room/Ops%20Room/notification");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET);
        var json = r.json();
        assertThat(json.path("color").asText()).isEqualTo("red");
        assertThat(json.path("message_format").asText()).isEqualTo("text");
        assertThat(json.path("notify").asBoolean()).isTrue();
        assertThat(json.path("from").asText()).isEqualTo("zkmon-prod");
        assertThat(json.path("message").asText()).isEqualTo("""
                /services/foo out of spec.

                Path:              /services/foo
                State:             Error (was OK)
                Problem:           Found children (0) less than minimum (1)
                Children:          0 (removed: instance-1; added: none)
                Severity:          warning
                Cluster:           zkmonitor
                Agent:             agent-1
                Out of spec since: 2026-11-25T16:20:00Z
                Status:            http://agent-1:8080/status""");
        assertThat(json.size()).isEqualTo(5);
    }

    @Test
    void aRecoveryIsGreen() {
        try (Alerter a = newAlerter()) {
            assertThat(a.send(resolved("/services/foo")).isSent()).isTrue();
        }
        var json = sink.last().json();
        assertThat(json.path("color").asText()).isEqualTo("green");
        assertThat(json.path("message").asText()).startsWith("/services/foo back in spec.").contains("Out of spec for:   1m");
    }
}
