package io.zkmon.alerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.MailSink;
import io.zkmon.testkit.ServiceInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A path's labels, severity and annotations (from its spec and {@code defaults:}) reach each backend the way its
 * ecosystem expects, through the real monitor and dispatcher: a real ZooKeeper, YAML config, a real SMTP server and
 * local HTTP servers standing in for each service. One test per backend.
 */
class LabelsAndSeverityEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PATH = "/services/orders";
    private static final String RUNBOOK = "https://runbooks.example.com/zk/orders";

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private final List<AutoCloseable> sinks = new ArrayList<>();

    @AfterEach
    void stopSinks() throws Exception {
        for (AutoCloseable s : sinks) {
            s.close();
        }
    }

    private HttpSink http(int status, String body) throws Exception {
        HttpSink s = HttpSink.start().answer(status, body);
        sinks.add(s);
        return s;
    }

    /** Runs the path out of spec with the alerter {@code it} and waits until {@code delivered} says it arrived. */
    private void fire(String alerter, Supplier<Boolean> delivered) throws Exception {
        String yaml = """
                defaults:
                  labels: {team: platform}
                  annotations: {runbook_url: "%s"}
                alerters:
                  it: %s
                paths:
                  %s:
                    children: 1
                    cancel_timeout: 0
                    severity: critical
                    labels: {service: orders}
                    annotations: {summary: Orders instances are gone}
                    alerter: it
                """.formatted(RUNBOOK, alerter, PATH);
        ServiceInstance instance = zk.register(PATH, "instance-1");
        ZkMonitor monitor = zk.monitor(yaml, b -> b.alerterRegistry(Configs.registry()).env(Map.of()).clusterName("prod"));
        instance.crash();
        await("the firing notification").atMost(WAIT).until(delivered::get);
        monitor.close();
    }

    @Test
    void emailShowsSeverityLabelsAndAnnotationsInItsTextAndTemplates() throws Exception {
        MailSink smtp = MailSink.smtp();
        sinks.add(smtp);
        fire("{type: email, to: ops@example.com, smtp: {host: 127.0.0.1, port: " + smtp.port() + "},"
                + " template: {subject: '[{{severity}}] {{labels.team}}/{{labels.service}}: {{path}}'}}", () -> smtp.received().size() == 1);

        assertThat(MailSink.subject(smtp.received().get(0))).isEqualTo("[critical] platform/orders: " + PATH);
        assertThat(MailSink.body(smtp.received().get(0))).contains(
                "Severity:          critical", "Labels:            service=orders, team=platform",
                "Runbook:           " + RUNBOOK, "Summary:           Orders instances are gone");
    }

    @Test
    void slackShowsThemAsAttachmentFieldsAndTemplateVariables() throws Exception {
        HttpSink slack = http(200, "{\"ok\": true}");
        fire("{type: slack, channel: '#ops', token: xoxb-t, url: '" + slack.url("/api") + "',"
                + " template: {text: '{{#firing}}:fire:{{/firing}} [{{severity}}] {{path}} ({{labels.team}}) <{{annotations.runbook_url}}|runbook>'}}",
                () -> slack.requests().size() == 1);

        JsonNode m = slack.last().json();
        assertThat(m.path("text").asText()).isEqualTo(":fire: [critical] " + PATH + " (platform) <" + RUNBOOK + "|runbook>");
        List<String> fields = new ArrayList<>();
        m.path("attachments").get(0).path("fields").forEach(f -> fields.add(f.path("title").asText() + "=" + f.path("value").asText()));
        assertThat(fields).contains("Severity=critical", "Labels=service=orders, team=platform", "Runbook=" + RUNBOOK);
    }

    @Test
    void hipchatShowsThemInItsText() throws Exception {
        HttpSink hipchat = http(204, "");
        fire("{type: hipchat, room: ops, token: hc-t, url: '" + hipchat.url("") + "'}", () -> hipchat.requests().size() == 1);

        assertThat(hipchat.last().json().path("message").asText())
                .contains("Severity:          critical", "Labels:            service=orders, team=platform", "Runbook:           " + RUNBOOK);
    }

    @Test
    void theWebhookCarriesThemAsFields() throws Exception {
        HttpSink hook = http(200, "");
        fire("{type: webhook, url: '" + hook.url("/hook") + "'}", () -> hook.requests().size() == 1);

        JsonNode j = hook.last().json();
        assertThat(j.path("severity").asText()).isEqualTo("critical");
        assertThat(j.path("labels").path("team").asText()).isEqualTo("platform");
        assertThat(j.path("labels").path("service").asText()).isEqualTo("orders");
        assertThat(j.path("annotations").path("runbook_url").asText()).isEqualTo(RUNBOOK);
        assertThat(j.path("annotations").path("summary").asText()).isEqualTo("Orders instances are gone");
    }

    @Test
    void aWebhookBodyTemplateSendsJsonOfYourOwn() throws Exception {
        HttpSink hook = http(200, "");
        fire("{type: webhook, url: '" + hook.url("/hook") + "', template: {body: '{\"text\": \"{{severity}}: {{message}}\","
                + " \"team\": \"{{labels.team}}\", \"count\": {{children.count}}}'}}", () -> hook.requests().size() == 1);

        JsonNode j = hook.last().json();
        assertThat(j.path("text").asText()).isEqualTo("critical: Found children (0) less than minimum (1)");
        assertThat(j.path("team").asText()).isEqualTo("platform");
        assertThat(j.path("count").asInt()).isZero();
    }

    @Test
    void pagerDutyGetsTheSeverityCustomDetailsAndARunbookLink() throws Exception {
        HttpSink pd = http(202, "{\"status\": \"success\"}");
        fire("{type: pagerduty, routing_key: pd-key, url: '" + pd.url("/v2/enqueue") + "'}", () -> pd.requests().size() == 1);

        JsonNode e = pd.last().json();
        assertThat(e.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(e.path("payload").path("custom_details").path("labels").path("service").asText()).isEqualTo("orders");
        assertThat(e.path("payload").path("custom_details").path("annotations").path("summary").asText()).isEqualTo("Orders instances are gone");
        assertThat(e.path("links").get(0).path("href").asText()).isEqualTo(RUNBOOK);
        assertThat(e.path("links").get(0).path("text").asText()).isEqualTo("Runbook");
    }

    @Test
    void alertmanagerGetsThemAsLabelsAndAnnotations() throws Exception {
        HttpSink am = http(200, "");
        fire("{type: alertmanager, url: '" + am.url("") + "'}", () -> am.requests().size() == 1);

        JsonNode a = am.last().json().get(0);
        assertThat(a.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(a.path("labels").path("team").asText()).isEqualTo("platform");
        assertThat(a.path("labels").path("service").asText()).isEqualTo("orders");
        assertThat(a.path("labels").path("path").asText()).isEqualTo(PATH);
        assertThat(a.path("annotations").path("runbook_url").asText()).isEqualTo(RUNBOOK);
        assertThat(a.path("annotations").path("summary").asText()).as("the path's own annotation wins").isEqualTo("Orders instances are gone");
        assertThat(a.path("annotations").path("description").asText()).startsWith("Found children (0) less than minimum (1)");
    }
}
