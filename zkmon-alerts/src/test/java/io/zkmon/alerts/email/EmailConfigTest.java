package io.zkmon.alerts.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.config.ConfigError;
import io.zkmon.core.config.MonitorConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading email settings: the old daemon's forms, SMTP from the environment, and errors located for people. */
class EmailConfigTest {

    private static String describe(Alerter a) {
        try (a) {
            return a.toString();
        }
    }

    @Test
    void takesOneAddressACommaSeparatedStringOrAList() {
        assertThat(describe(Configs.alerter("/p: {alerter: {email: you@home.com}}", "/p#email"))).startsWith("email to [you@home.com] via");
        assertThat(describe(Configs.alerter("/p: {alerter: {email: 'a@x.com, b@x.com'}}", "/p#email"))).startsWith("email to [a@x.com, b@x.com]");
        assertThat(describe(Configs.alerter("/p: {alerter: {email: [a@x.com, 'Ops <b@x.com>']}}", "/p#email")))
                .startsWith("email to [a@x.com, b@x.com]");
    }

    @Test
    void sendsToLocalhostPort25UnlessSmtpHostAndSmtpPortSayOtherwise() {
        assertThat(describe(Configs.alerter("/p: {alerter: {email: a@x.com}}", "/p#email"))).endsWith("via SmtpSettings[localhost:25]");
        assertThat(describe(Configs.alerter("/p: {alerter: {email: a@x.com}}", Map.of("SMTP_HOST", "mail.corp", "SMTP_PORT", "2525"), "/p#email")))
                .endsWith("via SmtpSettings[mail.corp:2525]");
    }

    @Test
    void aNamedAlertersSmtpSettingsWinOverTheEnvironment() {
        Alerter a = Configs.named("type: email, to: [a@x.com], smtp: {host: smtp.example.com, port: 587, starttls: true,"
                + " username: zkmon, password: hunter2-secret}", Map.of("SMTP_HOST", "ignored", "SMTP_PORT", "1"));
        assertThat(describe(a)).isEqualTo("email to [a@x.com] via SmtpSettings[smtp.example.com:587, user zkmon, password ****, starttls]");
    }

    @Test
    void smtpsDefaultsToPort465() {
        assertThat(describe(Configs.named("type: email, to: a@x.com, smtp: {host: h, ssl: true}"))).endsWith("SmtpSettings[h:465, ssl]");
    }

    @Test
    void thePasswordIsMaskedWhenConfigIsPrinted() {
        MonitorConfig c = Configs.parse("""
                alerters:
                  oncall: {type: email, to: a@x.com, smtp: {host: h, username: u, password: hunter2-secret}}
                /p: {alerter: oncall}
                """);
        try {
            assertThat(c.describe()).contains("password: '****'").doesNotContain("hunter2-secret");
        } finally {
            c.alerters().values().forEach(d -> d.alerter().close());
        }
    }

    @Test
    void aMalformedAddressIsAnErrorNamingFileLineKeyAndAddress() {
        List<ConfigError> errors = Configs.errors("""
                /services/foo:
                  children: 1
                  alerter: {email: 'ok@x.com, not-an-address@'}
                """);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("alerts.yaml");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.key()).isEqualTo("email");
            assertThat(e.message()).contains("'not-an-address@'", "not a valid email address");
        });
    }

    @Test
    void aNamedAlerterNeedsTo() {
        assertThat(Configs.errors("alerters:\n  oncall: {type: email, smtp: {host: h}}\n/p: {alerter: oncall}\n"))
                .singleElement().satisfies(e -> {
                    assertThat(e.key()).isEqualTo("to");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.message()).contains("needs 'to'");
                });
    }

    @Test
    void rejectsContradictoryOrIncompleteSmtpSettings() {
        List<ConfigError> errors = Configs.errors("""
                alerters:
                  oncall:
                    type: email
                    to: a@x.com
                    smtp:
                      host: h
                      port: 70000
                      ssl: true
                      starttls: true
                      username: zkmon
                      from: nobody
                /p: {alerter: oncall}
                """);
        assertThat(errors).extracting(ConfigError::key).containsExactly("port", "starttls", "username", "from");
        assertThat(errors.get(0).message()).contains("between 1 and 65535");
        assertThat(errors.get(1).message()).contains("'ssl'", "'starttls'", "pick the one");
        assertThat(errors.get(2).message()).contains("needs both 'username' and 'password'");
        assertThat(errors.get(3).message()).contains("not a valid email address");
    }

    @Test
    void aMistypedSmtpKeyGetsADidYouMean() {
        assertThat(Configs.errors("alerters:\n  oncall: {type: email, to: a@x.com, smtp: {hots: h}}\n/p: {alerter: oncall}\n"))
                .singleElement().satisfies(e -> assertThat(e.toString()).contains("unknown key 'hots'", "did you mean 'host'?"));
    }

    @Test
    void smtpMustBeAMap() {
        assertThat(Configs.errors("alerters:\n  oncall: {type: email, to: a@x.com, smtp: mail.example.com}\n/p: {alerter: oncall}\n"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("'smtp'", "must be a map"));
    }

    @Test
    void aBadSmtpPortInTheEnvironmentIsAnError() {
        assertThat(Configs.errors("/p: {alerter: {email: a@x.com}}\n", Map.of("SMTP_PORT", "smtp")))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("SMTP_PORT", "'smtp'"));
    }
}
