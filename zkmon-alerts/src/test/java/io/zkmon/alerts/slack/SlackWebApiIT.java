package io.zkmon.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.alerts.testing.Jsons;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.testing.AlerterContract;
import io.zkmon.testkit.HttpSink;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Slack's Web API ({@code chat.postMessage}) against a real local HTTP server answering as Slack does: HTTP 200 with
 * {@code {"ok": false, "error": ...}} when it refuses a message.
 */
class SlackWebApiIT extends AlerterContract {

    private static HttpSink sink;

    @BeforeAll
    static void startSink() throws Exception {
        sink = HttpSink.start();
    }

    @AfterAll
    static void stopSink() {
        sink.close();
    }

    /** Slack answers 200 to refusals too: only "ok": true answers count as delivered. */
    private final AtomicInteger okAnswers = new AtomicInteger();

    @BeforeEach
    void resetSink() {
        sink.reset();
        sinkAccepts();
    }

    @Override
    protected Alerter newAlerter() {
        return Configs.named("type: slack, channel: '#ops', token: " + SECRET + ", from: zkmon-bot, url: '" + sink.url("/api") + "'");
    }

    @Override
    protected void sinkAccepts() {
        sink.answer(r -> {
            okAnswers.incrementAndGet();
            return HttpSink.Answer.of(200, "{\"ok\": true, \"channel\": \"C123\", \"ts\": \"1.2\"}");
        });
    }

    @Override
    protected void sinkFailsRetryably() {
        sink.answer(200, "{\"ok\": false, \"error\": \"ratelimited\"}");
    }

    @Override
    protected void sinkFailsPermanently() {
        sink.answer(200, "{\"ok\": false, \"error\": \"invalid_auth\"}");
    }

    @Override
    protected int delivered() {
        return okAnswers.get();
    }

    @Test
    void postsToChatPostMessageWithABearerTokenAndTheSeedsFields() {
        try (Alerter a = newAlerter()) {
            assertThat(a.send(firing("/services/foo")).isSent()).isTrue();
        }
        HttpSink.Request r = sink.last();
        assertThat(r.path()).isEqualTo("/api/chat.postMessage");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.json()).isEqualTo(Jsons.tree("""
                {"channel": "#ops", "username": "zkmon-bot", "icon_emoji": ":rotating_light:",
                 "text": ":rotating_light: /services/foo out of spec",
                 "attachments": [{
                   "color": "danger",
                   "fallback": "/services/foo out of spec: Found children (0) less than minimum (1)",
                   "title": "/services/foo out of spec",
                   "title_link": "http://agent-1:8080/status",
                   "text": "Found children (0) less than minimum (1)",
                   "fields": [
                     {"title": "State", "value": "Error (was OK)", "short": true},
                     {"title": "Children", "value": "0 (removed: instance-1; added: none)", "short": true},
                     {"title": "Severity", "value": "warning", "short": true},
                     {"title": "Cluster", "value": "zkmonitor", "short": true},
                     {"title": "Agent", "value": "agent-1", "short": true},
                     {"title": "Out of spec since", "value": "2026-11-25T16:20:00Z", "short": false}],
                   "footer": "zkmon",
                   "ts": 1795623610}]}
                """));
    }

    @Test
    void aRecoveryIsGreenWithACheckMark() {
        try (Alerter a = newAlerter()) {
            assertThat(a.send(resolved("/services/foo")).isSent()).isTrue();
        }
        var json = sink.last().json();
        assertThat(json.path("icon_emoji").asText()).isEqualTo(":white_check_mark:");
        assertThat(json.path("text").asText()).isEqualTo(":white_check_mark: /services/foo back in spec");
        assertThat(json.path("attachments").get(0).path("color").asText()).isEqualTo("good");
    }

    @Test
    void asUserIsSentAsABooleanWhenConfigured() {
        try (Alerter a = Configs.named("type: slack, channel: C0123, token: " + SECRET + ", as_user: true, url: '" + sink.url("/api") + "'")) {
            a.send(firing("/p"));
        }
        var json = sink.last().json();
        assertThat(json.path("as_user").isBoolean()).isTrue();
        assertThat(json.path("as_user").asBoolean()).isTrue();
        assertThat(json.path("username").asText()).isEqualTo("zkmon");
    }

    @Test
    void messageTextIsEscapedForSlack() {
        var n = firing("/services/a&b");
        try (Alerter a = newAlerter()) {
            a.send(n);
        }
        assertThat(sink.last().json().path("text").asText()).isEqualTo(":rotating_light: /services/a&amp;b out of spec");
    }

    @ParameterizedTest(name = "Slack error {0} is {1}")
    @CsvSource({
        "ratelimited, RETRYABLE", "service_unavailable, RETRYABLE", "internal_error, RETRYABLE",
        "invalid_auth, PERMANENT", "not_authed, PERMANENT", "token_revoked, PERMANENT",
        "channel_not_found, PERMANENT", "not_in_channel, PERMANENT", "is_archived, PERMANENT", "missing_scope, PERMANENT"})
    void refusalsAreClassifiedByTheirError(String error, SendResult.Outcome expected) {
        sink.answer(200, "{\"ok\": false, \"error\": \"" + error + "\"}");
        try (Alerter a = newAlerter()) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(expected);
            assertThat(r.detail()).contains(error);
        }
    }

    @Test
    void anHttp429IsRetryable() {
        sink.answer(r -> new HttpSink.Answer(429, "", Map.of("Retry-After", "1")));
        try (Alerter a = newAlerter()) {
            assertThat(a.send(firing("/p")).outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        }
    }

    @Test
    void anAnswerThatIsNotSlacksIsRetryable() {
        sink.answer(200, "<html>captive portal</html>");
        try (Alerter a = newAlerter()) {
            SendResult r = a.send(firing("/p"));
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(r.detail()).contains("not a Web API answer");
        }
    }
}
