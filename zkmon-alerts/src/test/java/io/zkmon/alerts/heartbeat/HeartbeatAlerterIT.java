package io.zkmon.alerts.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Heartbeat;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.config.ConfigError;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.testing.AlerterContract;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat backend against a real local HTTP server. It sends no notifications, so it does not take the
 * {@link AlerterContract} (which is about delivering them); these are the contract's promises for a beat instead:
 * delivered, failures classified, the secret URL never shown.
 */
class HeartbeatAlerterIT {

    private static final String SECRET = "s3cr3t-Zk-7f1c9a";
    private static final Heartbeat BEAT = new Heartbeat("prod", "agent-1", Instant.parse("2026-11-25T16:20:00Z"), "http://agent-1:8080/status");

    private static HttpSink sink;

    @BeforeAll
    static void startSink() throws Exception {
        sink = HttpSink.start();
    }

    @AfterAll
    static void stopSink() {
        sink.close();
    }

    @BeforeEach
    void resetSink() {
        sink.reset();
    }

    @Test
    void theShortFormCallsTheUrlWithAGetEveryMinute() {
        try (Alerter a = Configs.alerter("/p: {alerter: {heartbeat: '" + sink.url("/ping/" + SECRET) + "'}}\n", "/p#heartbeat")) {
            assertThat(a.heartbeatInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(a.heartbeat(BEAT).isSent()).isTrue();
            assertThat(a.toString()).isEqualTo("heartbeat GET " + sink.url("").toString().replaceAll("/$", "") + " every 1m")
                    .doesNotContain(SECRET);
        }
        HttpSink.Request r = sink.last();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/ping/" + SECRET);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("Content-Type")).isNull();
        assertThat(r.header("User-Agent")).startsWith("zkmon/");
    }

    @Test
    void aPostCarriesWhoBeatsWithTheConfiguredHeaders() {
        try (Alerter a = Configs.named("type: heartbeat, url: '" + sink.url("/beat") + "', method: post, interval: 15s,"
                + " headers: {Authorization: 'Bearer " + SECRET + "'}")) {
            assertThat(a.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
            assertThat(a.heartbeat(BEAT).isSent()).isTrue();
        }
        HttpSink.Request r = sink.last();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(r.json().path("status").asText()).isEqualTo("alive");
        assertThat(r.json().path("cluster").asText()).isEqualTo("prod");
        assertThat(r.json().path("agent").asText()).isEqualTo("agent-1");
        assertThat(r.json().path("at").asText()).isEqualTo("2026-11-25T16:20:00Z");
        assertThat(r.json().path("status_url").asText()).isEqualTo("http://agent-1:8080/status");
    }

    @Test
    void notificationsAreNotItsBusiness() {
        try (Alerter a = Configs.named("type: heartbeat, url: '" + sink.url("/beat") + "'")) {
            assertThat(a.send(AlerterContract.firing("/p")).isSent()).isTrue();
        }
        assertThat(sink.requests()).isEmpty();
    }

    @Test
    void failuresAreClassifiedAndNeverShowTheSecret() {
        try (Alerter a = Configs.named("type: heartbeat, url: '" + sink.url("/ping/" + SECRET) + "', timeout: 2s")) {
            sink.answer(503, "down for /ping/" + SECRET);
            SendResult retry = a.heartbeat(BEAT);
            assertThat(retry.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(retry.detail()).contains("HTTP 503").doesNotContain(SECRET);
            sink.answer(404, "no such check /ping/" + SECRET);
            SendResult permanent = a.heartbeat(BEAT);
            assertThat(permanent.outcome()).isEqualTo(SendResult.Outcome.PERMANENT);
            assertThat(permanent.detail()).contains("HTTP 404").doesNotContain(SECRET);
        }
        var refused = FreePorts.refusing("/ping/" + SECRET);
        try (Alerter a = Configs.named("type: heartbeat, url: '" + refused + "'")) {
            SendResult r = a.heartbeat(BEAT);
            assertThat(r.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
            assertThat(r.detail()).doesNotContain(SECRET);
        }
    }

    @Test
    void itsSettingsAreCheckedWithTheirPlace() {
        List<ConfigError> errors = Configs.errors("""
                alerters:
                  a: {type: heartbeat, url: 'https://x.example.com/p', method: PUT}
                  b: {type: heartbeat, url: 'https://x.example.com/p', interval: 500ms}
                  c: {type: heartbeat}
                /p: {alerter: [a, b, c]}
                """);
        assertThat(errors).extracting(ConfigError::line, ConfigError::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "method"), org.assertj.core.groups.Tuple.tuple(3, "interval"),
                org.assertj.core.groups.Tuple.tuple(4, "url"));
        assertThat(errors.get(0).message()).contains("must be one of GET, POST");
        assertThat(errors.get(1).message()).contains("at least 1s");
    }

    @Test
    void itsUrlIsASecretWhenConfigIsPrinted() {
        MonitorConfig c = Configs.parse("alerters:\n  beat: {type: heartbeat, url: 'https://hc-ping.example.com/" + SECRET + "'}\n/p: {children: 1}\n");
        try {
            assertThat(c.describe()).doesNotContain(SECRET);
            assertThat(c.heartbeatAlerters()).containsExactly("beat");
        } finally {
            c.alerters().values().forEach(d -> d.alerter().close());
        }
    }
}
