package io.zkmon.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.config.ConfigError;
import io.zkmon.core.config.MonitorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

    @Test
    void theUrlAndEveryHeaderValueAreSecret() {
        MonitorConfig c = Configs.parse("""
                alerters:
                  hook: {type: webhook, url: 'https://h.example.com/in/tok-123456', headers: {X-Api-Key: key-abcdef}}
                /p: {alerter: hook}
                """);
        try {
            assertThat(c.describe()).doesNotContain("tok-123456", "key-abcdef").contains("X-Api-Key");
            assertThat(c.alerters().get("hook").alerter()).hasToString("webhook POST https://h.example.com with headers [X-Api-Key]");
        } finally {
            c.alerters().values().forEach(d -> d.alerter().close());
        }
    }

    @Test
    void aMissingUrlIsAnErrorAtItsLine() {
        assertThat(Configs.errors("/services/foo:\n  children: 1\n  alerter:\n    webhook: {method: PUT}\n")).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("url");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.message()).isEqualTo("alerter 'webhook' of /services/foo needs 'url'");
        });
    }

    @Test
    void aMalformedUrlIsReportedWithoutRepeatingIt() {
        assertThat(Configs.errors("/p: {alerter: {webhook: 'not a url/secret-token'}}\n")).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("webhook");
            assertThat(e.message()).doesNotContain("secret-token");
        });
    }

    @Test
    void methodsHeadersAndTimeoutsAreChecked() {
        List<ConfigError> errors = Configs.errors("""
                /p:
                  alerter:
                    webhook:
                      url: https://h.example.com/in
                      method: DELETE
                      headers: {Host: other.example.com, 'Bad Name': x}
                      timeout: 10m
                """);
        assertThat(errors).extracting(ConfigError::message).containsExactly(
                "'method' of alerter 'webhook' must be one of POST, PUT, PATCH, got 'DELETE'",
                "header 'Host' of alerter 'webhook' cannot be sent: the HTTP client sets it itself",
                "header 'Bad Name' of alerter 'webhook' cannot be sent: the name or value is not valid in HTTP (no spaces in names, no line breaks)",
                "'timeout' of alerter 'webhook' must be at most 2m, got 10m");
    }

    @Test
    void aListIsNotAWebhook() {
        assertThat(Configs.errors("/p: {alerter: {webhook: [https://a, https://b]}}\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("one URL or a map"));
    }

    @Test
    void aTypoGetsADidYouMean() {
        assertThat(Configs.errors("paths:\n  /p: {alerter: {webhook: {url: 'https://h/x', heders: {A: b}}}}\n")).singleElement()
                .satisfies(e -> assertThat(e.toString()).contains("unknown key 'heders'", "did you mean 'headers'?"));
    }

    @Test
    void aBodyTemplateMustMakeValidJsonForEveryNotification() {
        assertThat(Configs.errors("alerters:\n  h: {type: webhook, url: 'https://h/x', template: {body: '{\"m\": {{message}}}'}}\n"
                + "paths:\n  /p: {alerter: h}\n")).singleElement().satisfies(e -> assertThat(e.toString())
                .startsWith("the 'body' template of alerter 'h' does not make valid JSON; put every {{variable}} inside a JSON string"));
        assertThat(Configs.parse("alerters:\n  h: {type: webhook, url: 'https://h/x', template: {body: '{\"m\": \"{{message}}\"}'}}\n"
                + "paths:\n  /p: {alerter: h}\n").alerters()).containsKey("h");
    }

    @Test
    void creatingAnAlerterTouchesNoNetwork() {
        // nothing listens on port 9 of a reserved address; creating must not care
        try (Alerter a = Configs.named("type: webhook, url: 'http://192.0.2.1:9/never-contacted'")) {
            assertThat(a).isNotNull();
        }
    }
}
