package io.zkmon.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.MessageTemplate;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates per alerter and in defaults, and labels, severity and annotations per path and in defaults. */
class TemplateAndLabelConfigTest {

    /** Renders its two parts, as the email backend does. */
    record Rendering(MessageTemplate subject, MessageTemplate body) implements Alerter {
        @Override
        public SendResult send(Notification n) {
            return SendResult.sent();
        }

        String render(Notification n) {
            return subject.render(n) + " / " + body.render(n);
        }
    }

    static final class MailProvider implements AlerterProvider {
        @Override
        public String type() {
            return "email";
        }

        @Override
        public Alerter create(AlerterSettings s) {
            if (s.isMap()) {
                s.strings("to");
            } else {
                s.values();
            }
            MessageTemplate subject = s.template("subject", Map.of(MessageTemplate.DEFAULT_PRESET, "{{headline}}",
                    MessageTemplate.SEED_PRESET, "Warning! {{path}} has an alert!"), MessageTemplate.PLAIN);
            MessageTemplate body = s.template("body", Map.of(MessageTemplate.DEFAULT_PRESET, "{{message}}",
                    MessageTemplate.SEED_PRESET, "{{message}}\n{{path}} is in the {{state}} state."), MessageTemplate.PLAIN);
            return subject == null || body == null ? null : new Rendering(subject, body);
        }
    }

    static final class ChatProvider implements AlerterProvider {
        @Override
        public String type() {
            return "slack";
        }

        @Override
        public Alerter create(AlerterSettings s) {
            s.string("channel", null);
            MessageTemplate text = s.template("text", Map.of(MessageTemplate.DEFAULT_PRESET, "{{headline}}"), MessageTemplate.PLAIN);
            return text == null ? null : n -> SendResult.sent();
        }
    }

    private final ConfigLoader loader = ConfigLoader.create(AlerterRegistry.of(List.of(new MailProvider(), new ChatProvider())), Map.of());

    private static final Notification N = new Notification(Notification.Kind.FIRING, "/a", State.ERROR, State.OK, "Found children (0) less"
            + " than minimum (1)", 0, List.of(), List.of(), "c", "agent", null, null, null, false, null);

    private MonitorConfig parse(String yaml) {
        return loader.parse(yaml, "t.yaml");
    }

    private List<String> errors(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected config errors");
    }

    private String rendered(MonitorConfig c, String id) {
        return ((Rendering) c.alerters().get(id).alerter()).render(N);
    }

    @Test
    void anAlerterTakesAPresetOrItsOwnPartsAndTheRestFromThePreset() {
        MonitorConfig c = parse("""
                alerters:
                  plain: {type: email, to: a@x.com}
                  old: {type: email, to: a@x.com, template: seed}
                  mine:
                    type: email
                    to: a@x.com
                    template:
                      preset: seed
                      body: |
                        {{message}} ({{severity}})
                /a: {alerter: [plain, old, mine]}
                """);
        assertThat(rendered(c, "plain")).isEqualTo("/a out of spec / Found children (0) less than minimum (1)");
        assertThat(rendered(c, "old")).isEqualTo("Warning! /a has an alert! / Found children (0) less than minimum (1)\n/a is in the Error state.");
        assertThat(rendered(c, "mine")).isEqualTo("Warning! /a has an alert! / Found children (0) less than minimum (1) (warning)\n");
    }

    @Test
    void defaultsGiveATemplateToEveryAlerterWithoutItsOwn() {
        MonitorConfig c = parse("""
                defaults:
                  template: seed
                alerters:
                  old: {type: email, to: a@x.com}
                  own: {type: email, to: a@x.com, template: zkmon}
                /a: {alerter: [old, own]}
                """);
        assertThat(rendered(c, "old")).startsWith("Warning! /a has an alert!");
        assertThat(rendered(c, "own")).startsWith("/a out of spec");

        MonitorConfig byType = parse("""
                defaults:
                  template:
                    email: {subject: "[{{severity}}] {{path}}"}
                alerters:
                  m: {type: email, to: a@x.com}
                /a: {alerter: m}
                """);
        assertThat(rendered(byType, "m")).isEqualTo("[warning] /a / Found children (0) less than minimum (1)");
    }

    @Test
    void templateMistakesAreConfigErrorsWithFileLineAndColumn() {
        assertThat(errors("""
                alerters:
                  m:
                    type: email
                    to: a@x.com
                    template:
                      subject: "{{pth}} is down"
                      body: |
                        {{message}}
                          {{#firing}}still
                      sujbect: x
                  n: {type: email, to: a@x.com, template: sed}
                /a: {alerter: [m, n]}
                """)).containsExactly(
                "template part 'subject' in 'template' of alerter 'm': unknown variable 'pth' at t.yaml:6:17; did you mean 'path'?",
                "template part 'body' in 'template' of alerter 'm': section missing close tag 'firing' at t.yaml:9:11",
                "unknown key 'sujbect' in 'template' of alerter 'm' at t.yaml:10:7; did you mean 'subject'?",
                "unknown template preset 'sed' in 'template' of alerter 'n' at t.yaml:11:43; did you mean 'seed'?"
                        + " (presets: zkmon, seed)");
        assertThat(errors("defaults:\n  template: {emial: seed}\n/a: {}\n")).singleElement().asString()
                .startsWith("'emial' under defaults' template is not an alerter type at t.yaml:2:14; did you mean 'email'?");
        assertThat(errors("paths:\n  /a: {template: seed}\n")).containsExactly(
                "'template' is set on an alerter or under defaults:, not on a path (/a) at t.yaml:2:8");
    }

    @Test
    void readsLabelsSeverityAndAnnotationsAndMergesThemWithTheDefaults() {
        MonitorConfig c = parse("""
                defaults:
                  labels: {team: platform, env: prod}
                  severity: critical
                  annotations: {runbook_url: "https://runbooks.example.com/zk"}
                paths:
                  /a:
                    labels: {service: api, team: payments}
                    annotations: {summary: API instances, description: "at least 2"}
                  /b:
                    severity: info
                  /c/*:
                    severity: Warning
                """);
        PathSpec a = c.spec("/a");
        assertThat(a.labels()).containsExactly(Map.entry("env", "prod"), Map.entry("service", "api"), Map.entry("team", "payments"));
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.annotations()).containsExactly(Map.entry("description", "at least 2"),
                Map.entry("runbook_url", "https://runbooks.example.com/zk"), Map.entry("summary", "API instances"));
        assertThat(c.spec("/b").severity()).isEqualTo(Severity.INFO);
        assertThat(c.spec("/b").labels()).containsOnlyKeys("env", "team");
        assertThat(c.spec("/c/*").severity()).isEqualTo(Severity.WARNING);
        assertThat(parse("/x: {children: 1}").spec("/x").severity()).as("the default").isEqualTo(Severity.WARNING);
        assertThat(c.describe()).contains("severity: critical", "service: api", "runbook_url: https://runbooks.example.com/zk");
    }

    @Test
    void labelSeverityAndAnnotationMistakesAreLocated() {
        assertThat(errors("""
                paths:
                  /a:
                    labels: {9lives: x, alertname: y, severity: z, team: "", ok: [1]}
                    severity: critcal
                    annotations: {runbok_url: x, runbook_url: "not a url", dashboard_url: "https://grafana/d/zk"}
                """)).containsExactly(
                "label '9lives' of /a is not a valid label name (letters, digits and '_', not starting with a digit or '__') at t.yaml:3:14",
                "label 'alertname' of /a is set by zkmon; pick another name at t.yaml:3:25",
                "label 'severity' of /a is set by zkmon; use 'severity: critical|warning|info' beside 'labels' at t.yaml:3:39",
                "'labels.team' must not be empty at t.yaml:3:58",
                "'labels.ok' must be text, got a list at t.yaml:3:66",
                "'severity' must be one of critical, warning, info, got 'critcal' at t.yaml:4:15; did you mean 'critical'?",
                "unknown key 'runbok_url' in annotations of /a at t.yaml:5:19; did you mean 'runbook_url'?",
                "'annotations.runbook_url' of /a must be an absolute http or https URL, got 'not a url' at t.yaml:5:47");
        assertThatThrownBy(() -> parse("/a: {labels: {team: x}, severity: page}")).isInstanceOf(ConfigException.class);
    }
}
