package io.zkmon.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings that load but cannot do what they say are named in a warning at load (the tests' SLF4J writes to stderr). */
class LoadWarningsTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void captureStderr() {
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(realErr);
    }

    private String warnings() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSlackWebhookWithChannelOrFromLoadsWithAWarning() {
        try (Alerter a = Configs.alerter("/p: {alerter: {slack: {webhook_url: 'https://hooks.slack.com/services/T0/B0/XYZsecret',"
                + " channel: '#ops', from: zkmon}}}", "/p#slack")) {
            assertThat(a).isNotNull();
        }
        assertThat(warnings()).contains("Slack app webhooks ignore 'channel' and 'from'").doesNotContain("XYZsecret");
    }

    @Test
    void aPlainSlackWebhookLoadsQuietly() {
        try (Alerter a = Configs.alerter("/p: {alerter: {slack: {webhook_url: 'https://hooks.slack.com/services/T0/B0/XYZ'}}}", "/p#slack")) {
            assertThat(a).isNotNull();
        }
        assertThat(warnings()).doesNotContain("Slack");
    }

    @Test
    void hipChatWithoutUrlLoadsWithAWarningThatItWillFail() {
        try (Alerter a = Configs.alerter("/p: {alerter: {hipchat: {room: ops, token: secret-token}}}", "/p#hipchat")) {
            assertThat(a).isNotNull();
        }
        assertThat(warnings()).contains("shut down in 2019", "will fail until 'url' points at a self-hosted HipChat server")
                .doesNotContain("secret-token");
    }

    @Test
    void hipChatWithAUrlLoadsQuietly() {
        try (Alerter a = Configs.alerter("/p: {alerter: {hipchat: {room: ops, token: t, url: 'https://hipchat.example.com'}}}",
                "/p#hipchat")) {
            assertThat(a).isNotNull();
        }
        assertThat(warnings()).doesNotContain("HipChat");
    }
}
