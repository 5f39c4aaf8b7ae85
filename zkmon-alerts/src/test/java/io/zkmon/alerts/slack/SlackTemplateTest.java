package io.zkmon.alerts.slack;

import static io.zkmon.core.testing.AlerterContract.firing;
import static io.zkmon.core.testing.AlerterContract.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.config.MonitorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slack's text from templates: the seed preset's words, escaping of values only. */
class SlackTemplateTest {

    private static SlackTexts texts(String template) {
        MonitorConfig c = Configs.parse("alerters:\n  s: {type: slack, webhook_url: 'https://hooks.slack.com/services/T/B/x'" + template
                + "}\npaths:\n  /p: {alerter: s}\n");
        return ((SlackWebhookAlerter) c.alerters().get("s").alerter()).texts();
    }

    @Test
    void theSeedPresetPostsTheOldDaemonsTextWithoutAnAttachment() {
        SlackTexts seed = texts(", template: seed");
        JsonNode alert = SlackMessage.of(firing("/services/foo"), seed, null, null, null);
        assertThat(alert.path("text").asText()).isEqualTo("(:exclamation:) /services/foo is in Error - Found children (0) less than minimum (1)");
        assertThat(alert.has("attachments")).isFalse();
        assertThat(SlackMessage.of(resolved("/services/foo"), seed, null, null, null).path("text").asText())
                .isEqualTo("(:+1:) /services/foo is in OK - All checks pass.");
    }

    @Test
    void valuesAreEscapedForSlackButTheTemplatesOwnMarkupIsKept() {
        SlackTexts t = texts(", template: {text: '<{{status_url}}|{{path}}>: {{message}}'}");
        Notification f = firing("/a");
        Notification n = new Notification(f.kind(), "/a", f.state(), f.previousState(), "<!channel> & more", 0, List.of(), List.of(),
                null, null, null, null, null, false, "http://h/status");
        assertThat(SlackMessage.of(n, t, null, null, null).path("text").asText()).isEqualTo("<http://h/status|/a>: &lt;!channel&gt; &amp; more");
    }
}
