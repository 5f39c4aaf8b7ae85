package io.zkmon.alerts.slack;

import io.zkmon.alerts.testing.HttpAlerterContract;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.SendResult;
import io.zkmon.testkit.HttpSink;
import org.junit.jupiter.api.Test;

/** A Slack incoming webhook against a real local HTTP server; the webhook URL is the secret. */
class SlackWebhookIT extends HttpAlerterContract {

    private String webhookUrl() {
        return sink.url("/services/T000/B000/" + SECRET).toString();
    }

    @Override
    protected Alerter newAlerter() {
        return Configs.named("type: slack, webhook_url: '" + webhookUrl() + "'");
    }

    @Override
    protected void sinkAccepts() {
        sink.answer(200, "ok");
    }

    @Override
    protected void sinkFailsRetryably() {
        sink.answer(500, "rollup_error");
    }

    @Override
    protected void sinkFailsPermanently() {
        sink.answer(404, "no_service");
    }

    @Test
    void postsTheSameMessageWithoutATokenOrChannel() {
        try (Alerter a = newAlerter()) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();
        }
        HttpSink.Request r = sink.last();
        assertThat(r.path()).isEqualTo("/services/T000/B000/" + SECRET);
        assertThat(r.header("Authorization")).isNull();
        var json = r.json();
        assertThat(json.has("channel")).isFalse();
        assertThat(json.has("username")).isFalse();
        assertThat(json.path("text").asText()).isEqualTo(":rotating_light: /services/foo out of spec");
        assertThat(json.path("attachments").get(0).path("color").asText()).isEqualTo("danger");
    }

    @Test
    void aGoneWebhookIsPermanentAndTheUrlIsNeverShown() {
        sink.answer(410, "channel_is_archived");
        try (Alerter a = newAlerter()) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
            assertThat(r.detail()).contains("HTTP 410", "channel_is_archived").doesNotContain(SECRET, "/services/T000");
        }
    }
}
