package io.zkmon.alerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.MailSink;
import io.zkmon.testkit.ServiceInstance;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path: a real ZooKeeper, the real monitor and dispatcher, and every HTTP and mail backend configured from
 * YAML, each pointed at a real server (GreenMail, local HTTP sinks standing in for Slack, HipChat, the webhook
 * receiver and PagerDuty). A path going out of spec and back must produce exactly one firing and one resolved
 * notification on each. Alertmanager, which needs its own binary, has the same test in {@code RealAlertmanagerIT}.
 */
class AllBackendsEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PATH = "/services/e2e";

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private MailSink smtp;
    private HttpSink slack;
    private HipChat hipchat;
    private HttpSink webhook;
    private HttpSink pagerduty;

    /** HipChat answers 204; named so the YAML below reads plainly. */
    private static final class HipChat {
        final HttpSink sink;

        HipChat(HttpSink sink) {
            this.sink = sink.answer(204, "");
        }
    }

    @BeforeEach
    void startServers() throws Exception {
        smtp = MailSink.smtp();
        slack = HttpSink.start().answer(200, "{\"ok\": true}");
        hipchat = new HipChat(HttpSink.start());
        webhook = HttpSink.start();
        pagerduty = HttpSink.start().answer(202, "{\"status\": \"success\"}");
    }

    @AfterEach
    void stopServers() {
        smtp.close();
        slack.close();
        hipchat.sink.close();
        webhook.close();
        pagerduty.close();
    }

    @Test
    void aPathOutOfSpecAndBackSendsExactlyOneFiringAndOneResolvedNotificationOnEveryBackend() throws Exception {
        String yaml = """
                alerters:
                  oncall:
                    type: email
                    to: [alice@example.com, bob@example.com]
                    smtp: {host: 127.0.0.1, port: %d, from: zkmon@example.com}
                %s:
                  children: 1
                  cancel_timeout: 0
                  alerter:
                    - oncall
                    - slack: {channel: "#ops", token: "${SLACK_TOKEN}", url: "%s"}
                      hipchat: {room: ops, token: "${HIPCHAT_TOKEN}", url: "%s"}
                      webhook: {url: "%s", headers: {X-Team: platform}}
                      pagerduty: {routing_key: "${PD_ROUTING_KEY}", url: "%s"}
                """.formatted(smtp.port(), PATH, slack.url("/api"), hipchat.sink.url(""), webhook.url("/hook"), pagerduty.url("/v2/enqueue"));
        Map<String, String> env = Map.of("SLACK_TOKEN", "xoxb-e2e", "HIPCHAT_TOKEN", "hc-e2e", "PD_ROUTING_KEY", "pd-e2e-routing-key");

        ServiceInstance first = zk.register(PATH, "instance-1");
        ZkMonitor monitor = zk.monitor(yaml, b -> b.alerterRegistry(Configs.registry()).env(env).clusterName("e2e").agentName("agent-e2e")
                .statusUrl("http://agent-e2e:8080/status"));
        assertThat(allHttpRequests()).as("nothing is sent while the path is in spec").isZero();
        assertThat(smtp.received()).isEmpty();

        first.crash();
        await("a firing notification on every backend").atMost(WAIT).until(() -> allHttpRequests() == 4 && smtp.received().size() == 2);

        zk.register(PATH, "instance-2");
        await("a resolved notification on every backend").atMost(WAIT).until(() -> allHttpRequests() == 8 && smtp.received().size() == 4);
        await("nothing more").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> allHttpRequests() == 8 && smtp.received().size() == 4);
        // stop watching before teardown removes instance-2, which would be a new incident
        monitor.close();

        List<HttpSink.Request> hooks = webhook.requests();
        assertThat(hooks).extracting(r -> r.json().path("status").asText()).containsExactly("firing", "resolved");
        assertThat(hooks.get(0).json().path("children").path("removed").get(0).asText()).isEqualTo("instance-1");
        assertThat(hooks.get(1).json().path("children").path("added").get(0).asText()).isEqualTo("instance-2");
        assertThat(hooks.get(1).json().path("dedup_key")).isEqualTo(hooks.get(0).json().path("dedup_key"));
        assertThat(hooks.get(0).json().path("cluster").asText()).isEqualTo("e2e");
        assertThat(hooks.get(0).json().path("status_url").asText()).isEqualTo("http://agent-e2e:8080/status");
        assertThat(hooks.get(0).header("X-Team")).isEqualTo("platform");

        List<HttpSink.Request> pd = pagerduty.requests();
        assertThat(pd).extracting(r -> r.json().path("event_action").asText()).containsExactly("trigger", "resolve");
        assertThat(pd.get(1).json().path("dedup_key")).isEqualTo(pd.get(0).json().path("dedup_key"));
        assertThat(pd.get(0).json().path("routing_key").asText()).isEqualTo("pd-e2e-routing-key");

        assertThat(slack.requests()).extracting(r -> r.json().path("attachments").get(0).path("color").asText()).containsExactly("danger", "good");
        assertThat(slack.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer xoxb-e2e"));

        assertThat(hipchat.sink.requests()).extracting(r -> r.json().path("color").asText()).containsExactly("red", "green");
        assertThat(hipchat.sink.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v2/room/ops/notification"));

        for (String who : List.of("alice@example.com", "bob@example.com")) {
            List<MimeMessage> mails = smtp.to(who);
            assertThat(mails).extracting(MailSink::subject)
                    .containsExactly("[zkmon] " + PATH + " out of spec", "[zkmon] " + PATH + " back in spec");
        }
    }

    private int allHttpRequests() {
        return slack.requests().size() + hipchat.sink.requests().size() + webhook.requests().size() + pagerduty.requests().size();
    }
}
