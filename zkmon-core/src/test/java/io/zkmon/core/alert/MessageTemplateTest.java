package io.zkmon.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates: every documented variable renders, mistakes are refused at compile time with a line and column. */
class MessageTemplateTest {

    private static final Instant T0 = Instant.parse("2026-11-25T16:20:00Z");

    private static Notification firing() {
        return new Notification(Notification.Kind.FIRING, "/services/foo", State.ERROR, State.OK, "Found children (0) less than minimum (1)",
                0, List.of(), List.of("instance-1"), "prod", "zk-mon-1", T0, T0.plusSeconds(10), "prod:/services/foo:1", false,
                "http://zk-mon-1:8080/status", Notification.PATH_ALERT, Severity.CRITICAL, Map.of("team", "platform"),
                Map.of("runbook_url", "https://runbooks.example.com/zk"));
    }

    private static Notification resolved() {
        return new Notification(Notification.Kind.RESOLVED, "/services/foo", State.OK, State.ERROR, "All checks pass.", 1,
                List.of("instance-2"), List.of("instance-1"), "prod", "zk-mon-1", T0, T0.plusSeconds(330), "prod:/services/foo:1", false,
                null);
    }

    @Test
    void rendersEveryDocumentedVariable() {
        MessageTemplate t = MessageTemplate.compile("""
                {{path}}|{{state}}|{{previous_state}}|{{message}}|{{headline}}|{{children.count}}|{{children.text}}|\
                {{#children.removed}}-{{.}}{{/children.removed}}|{{cluster}}|{{agent}}|{{since}}|{{at}}|{{ended_at}}|{{duration}}|\
                {{status_url}}|{{severity}}|{{labels.team}}|{{#label_list}}{{name}}={{value}}{{^-last}},{{/-last}}{{/label_list}}|\
                {{annotations.runbook_url}}|{{alert_name}}|{{#self_alert}}self{{/self_alert}}|{{#firing}}F{{/firing}}{{#resolved}}R{{/resolved}}|\
                {{kind}}|{{dedup_key}}|{{#state_error}}E{{/state_error}}""", MessageTemplate.PLAIN);

        assertThat(t.render(firing())).isEqualTo("/services/foo|Error|OK|Found children (0) less than minimum (1)|/services/foo out of spec|0|"
                + "0 (removed: instance-1; added: none)|-instance-1|prod|zk-mon-1|2026-11-25T16:20:00Z|2026-11-25T16:20:10Z|||"
                + "http://zk-mon-1:8080/status|critical|platform|team=platform|https://runbooks.example.com/zk|ZkmonPathOutOfSpec||F|"
                + "firing|prod:/services/foo:1|E");
        assertThat(MessageTemplate.compile("{{ended_at}} {{duration}} {{^status_url}}no link{{/status_url}} {{severity}}", MessageTemplate.PLAIN)
                .render(resolved())).isEqualTo("2026-11-25T16:25:30Z 5m30s no link warning");
    }

    @Test
    void escapesValuesButNotTheTemplatesOwnText() {
        MessageTemplate t = MessageTemplate.compile("{\"text\": \"{{message}}\", \"raw\": \"{{{path}}}\"}", MessageTemplate.JSON_STRING);
        Notification n = firing();
        Notification nasty = new Notification(n.kind(), "/a\"b", n.state(), n.previousState(), "line 1\nsays \"hi\" \\ \u0001", 0,
                List.of(), List.of(), null, null, null, null, null, false, null);
        assertThat(t.render(nasty)).isEqualTo("{\"text\": \"line 1\\nsays \\\"hi\\\" \\\\ \\u0001\", \"raw\": \"/a\"b\"}");
    }

    @Test
    void aJsonTemplateOverTheSamplesIsValidJson() throws Exception {
        MessageTemplate t = MessageTemplate.compile("{\"p\": \"{{path}}\", \"m\": \"{{message}}\", \"l\": \"{{labels.team}}\", "
                + "\"r\": [{{#children.removed}}\"{{.}}\"{{^-last}},{{/-last}}{{/children.removed}}], \"n\": {{children.count}}}",
                MessageTemplate.JSON_STRING);
        ObjectMapper json = new ObjectMapper();
        for (Notification sample : MessageTemplate.samples()) {
            assertThat(json.readTree(t.render(sample)).get("m").asText()).isEqualTo(sample.message());
        }
    }

    @Test
    void refusesUnknownVariablesWithTheNearestNameAndWhereTheyAre() {
        assertThatThrownBy(() -> MessageTemplate.compile("hello\n  {{pth}} is {{state}}", MessageTemplate.PLAIN))
                .isInstanceOfSatisfying(MessageTemplate.SyntaxError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("unknown variable 'pth'; did you mean 'path'?");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                });
        assertThatThrownBy(() -> MessageTemplate.compile("{{#nothing}}x{{/nothing}}", MessageTemplate.PLAIN))
                .hasMessageStartingWith("unknown variable 'nothing'; variables: path, state,");
    }

    @Test
    void refusesUnbalancedSectionsAndPartials() {
        assertThatThrownBy(() -> MessageTemplate.compile("a\nb {{#firing}}\nc", MessageTemplate.PLAIN))
                .isInstanceOfSatisfying(MessageTemplate.SyntaxError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("section missing close tag 'firing'");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                });
        assertThatThrownBy(() -> MessageTemplate.compile("{{> header}}", MessageTemplate.PLAIN))
                .hasMessageStartingWith("partials and blocks ({{> header}}) are not supported");
    }
}
