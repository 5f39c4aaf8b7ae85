package io.zkmon.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.config.ConfigError;
import io.zkmon.core.config.MonitorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackConfigTest {

    @Test
    void theSeedsFormUsesTheWebApi() {
        try (Alerter a = Configs.alerter("/p: {alerter: {slack: {channel: '#ops', token: xoxb-1234, from: zkmon}}}", "/p#slack")) {
            assertThat(a).isInstanceOf(SlackApiAlerter.class).hasToString("slack channel #ops via https://slack.com");
        }
    }

    @Test
    void aWebhookUrlUsesTheIncomingWebhook() {
        try (Alerter a = Configs.alerter("/p: {alerter: {slack: {webhook_url: 'https://hooks.slack.com/services/T0/B0/XYZsecret'}}}",
                "/p#slack")) {
            assertThat(a).isInstanceOf(SlackWebhookAlerter.class).hasToString("slack incoming webhook at https://hooks.slack.com");
        }
    }

    @Test
    void theTokenAndTheWebhookUrlAreMaskedWhenConfigIsPrinted() {
        MonitorConfig c = Configs.parse("""
                alerters:
                  api: {type: slack, channel: '#ops', token: xoxb-very-secret}
                  hook: {type: slack, webhook_url: 'https://hooks.slack.com/services/T0/B0/XYZsecret'}
                /p: {alerter: [api, hook]}
                """);
        try {
            assertThat(c.describe()).doesNotContain("xoxb-very-secret", "XYZsecret").contains("channel: '#ops'");
        } finally {
            c.alerters().values().forEach(d -> d.alerter().close());
        }
    }

    @Test
    void theWebApiNeedsChannelAndTokenAtTheAlertersLine() {
        List<ConfigError> errors = Configs.errors("""
                /services/foo:
                  children: 1
                  alerter:
                    slack: {from: zkmon}
                """);
        assertThat(errors).extracting(ConfigError::key).containsExactly("channel", "token");
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.file()).isEqualTo("alerts.yaml");
        });
        assertThat(errors.get(1).message()).isEqualTo("alerter 'slack' of /services/foo needs 'token'");
    }

    @Test
    void anUnquotedChannelIsAYamlCommentSoItIsMissing() {
        // '#ops' must be quoted in YAML; unquoted, it starts a comment and the channel is empty
        assertThat(Configs.errors("/p:\n  alerter:\n    slack:\n      channel: #ops\n      token: xoxb-1\n"))
                .extracting(ConfigError::key).containsExactly("channel");
    }

    @Test
    void tokenAndWebhookUrlTogetherAreAnError() {
        assertThat(Configs.errors("/p: {alerter: {slack: {webhook_url: 'https://hooks.slack.com/x', token: xoxb-1}}}\n"))
                .singleElement().satisfies(e -> {
                    assertThat(e.key()).isEqualTo("token");
                    assertThat(e.message()).contains("both 'webhook_url' and 'token'");
                });
    }

    @Test
    void aWebhookUrlGivenAsUrlIsCaughtWithoutShowingIt() {
        List<ConfigError> errors = Configs.errors("/p: {alerter: {slack: {url: 'https://hooks.slack.com/services/T0/B0/XYZsecret'}}}\n");
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("looks like an incoming webhook", "'webhook_url'"));
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotContain("XYZsecret"));
    }

    @Test
    void aMalformedWebhookUrlIsReportedWithoutRepeatingIt() {
        assertThat(Configs.errors("/p: {alerter: {slack: {webhook_url: 'hooks.slack.com/services/secret-part'}}}\n"))
                .singleElement().satisfies(e -> {
                    assertThat(e.key()).isEqualTo("webhook_url");
                    assertThat(e.message()).contains("absolute http or https URL").doesNotContain("secret-part");
                });
    }

    @Test
    void asUserMustBeABoolean() {
        assertThat(Configs.errors("/p: {alerter: {slack: {channel: C1, token: xoxb-1, as_user: zkmon}}}\n"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("'as_user' must be true or false"));
    }

    @Test
    void theShortFormIsNotEnough() {
        assertThat(Configs.errors("/p: {alerter: {slack: '#ops'}}\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("needs a map", "webhook_url"));
    }
}
