package io.zkmon.alerts.email;

import static io.zkmon.core.testing.AlerterContract.firing;
import static io.zkmon.core.testing.AlerterContract.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.config.ConfigError;
import io.zkmon.core.config.MonitorConfig;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The email's texts from templates, the seed preset's words, and addresses written the old daemon's ways. */
class EmailTemplateTest {

    private static EmailTexts texts(String settings) {
        MonitorConfig c = Configs.parse("alerters:\n  m: {type: email, to: a@x.com" + settings + "}\npaths:\n  /p: {alerter: m}\n");
        EmailAlerter a = (EmailAlerter) c.alerters().get("m").alerter();
        return a.texts();
    }

    @Test
    void theSeedPresetSpeaksLikeTheOldDaemon() {
        EmailTexts seed = texts(", template: seed");
        assertThat(seed.subject(firing("/services/foo"))).isEqualTo("Warning! /services/foo has an alert!");
        assertThat(seed.subject(resolved("/services/foo"))).isEqualTo("Warning! /services/foo has an alert!");
        assertThat(seed.body(firing("/services/foo"))).isEqualTo("Found children (0) less than minimum (1)\n/services/foo is in the Error state.");
        assertThat(seed.body(resolved("/services/foo"))).isEqualTo("All checks pass.\n/services/foo is in the OK state.");
    }

    @Test
    void theDefaultPrefixGoesWithTheDefaultSubjectOnly() {
        assertThat(texts("").subject(firing("/a"))).isEqualTo("[zkmon] /a out of spec");
        assertThat(texts(", template: {subject: '{{path}} is {{state}}'}").subject(firing("/a"))).isEqualTo("/a is Error");
        assertThat(texts(", subject_prefix: '[prod]', template: seed").subject(firing("/a"))).isEqualTo("[prod] Warning! /a has an alert!");
    }

    @Test
    void noValueCanAddAHeader() throws Exception {
        EmailTexts t = texts(", template: {subject: '{{message}}'}");
        Notification f = firing("/a");
        Notification evil = new Notification(f.kind(), f.path(), f.state(), f.previousState(), "down\r\nBcc: everyone@example.com\n\nhi", 0,
                List.of(), List.of(), null, null, null, null, null, false, null);
        MimeMessage m = EmailMessage.build(Session.getInstance(new Properties()), t, new InternetAddress("z@x.com"),
                new InternetAddress("a@x.com"), evil);
        m.saveChanges();
        assertThat(m.getSubject()).isEqualTo("down Bcc: everyone@example.com hi");
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(Collections.list(m.getAllHeaderLines())).noneMatch(l -> l.startsWith("Bcc"));
    }

    @Test
    void templateMistakesAreConfigErrors() {
        assertThat(Configs.errors("alerters:\n  m: {type: email, to: a@x.com, template: {subject: '{{#firing}}'}}\npaths:\n  /p: {alerter: m}\n"))
                .extracting(ConfigError::toString).singleElement().asString()
                .startsWith("template part 'subject' in 'template' of alerter 'm': section missing close tag 'firing' at alerts.yaml:2:");
        assertThat(Configs.errors("alerters:\n  m: {type: email, to: a@x.com, template: {subject: '{{^firing}}{{/firing}}'}}\n"
                + "paths:\n  /p: {alerter: m}\n")).extracting(ConfigError::toString).singleElement().asString()
                .startsWith("the 'subject' template of alerter 'm' can render an empty subject");
    }

    @Test
    void addressesSplitOnCommasOrSpacesAsTheOldDaemonSplitThem() {
        MonitorConfig c = Configs.parse("/p:\n  alerter:\n    email: 'a@x.com b@x.com,  c@x.com'\n");
        assertThat(((EmailAlerter) c.alerters().get("/p#email").alerter()).recipients())
                .containsExactly("a@x.com", "b@x.com", "c@x.com");
        MonitorConfig named = Configs.parse("alerters:\n  m: {type: email, to: ['Ops Team <ops@x.com>', 'a@x.com b@x.com']}\npaths:\n  /p: {alerter: m}\n");
        assertThat(((EmailAlerter) named.alerters().get("m").alerter()).recipients()).containsExactly("ops@x.com", "a@x.com", "b@x.com");
    }

    @Test
    void aDomainlessAddressIsAWarningInAnOldFileAndAnErrorInTheExtendedForm() {
        MonitorConfig old = Configs.parse("/p:\n  alerter:\n    email: root, ops@x.com\n  children: 1\n");
        assertThat(((EmailAlerter) old.alerters().get("/p#email").alerter()).recipients()).containsExactly("root", "ops@x.com");
        assertThat(old.warnings()).extracting(ConfigError::toString).containsExactly(
                "'root' in alerter 'email' has no domain; sent as it is, for the SMTP server to complete (as the old daemon did) at alerts.yaml:3:12");

        assertThat(Configs.errors("paths:\n  /p: {alerter: {email: root}}\n")).extracting(ConfigError::toString).singleElement().asString()
                .startsWith("'root' in alerter 'email' is not a valid email address (no domain; write it in full, like root@example.com");
    }
}
