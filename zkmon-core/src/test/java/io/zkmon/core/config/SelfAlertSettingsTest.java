package io.zkmon.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.alert.LogAlerterProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code settings.blind_timeout} and {@code settings.self_alerters}: who hears that zkmon cannot see, and when. */
class SelfAlertSettingsTest {

    private final ConfigLoader loader = ConfigLoader.create(AlerterRegistry.of(List.of(new ConfigLoaderTest.MailProvider(),
            new ConfigLoaderTest.ChatProvider(), new LogAlerterProvider())), Map.of("SLACK_TOKEN", "xoxb-secret"));

    private MonitorConfig parse(String yaml) {
        return loader.parse(yaml, "paths.yaml");
    }

    private List<String> errors(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected config errors");
    }

    @Test
    void byDefaultSelfAlertsComeAfterAMinute() {
        MonitorConfig c = parse("/a: {children: 1}");
        assertThat(c.settings().blindTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.settings().selfAlerters()).isNull();
        assertThat(parse("settings: {resync_interval: 1m}\n/a: {children: 1}").settings().blindTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void blindTimeoutTakesADurationAndZeroTurnsSelfAlertsOff() {
        assertThat(parse("settings: {blind_timeout: 2m}\n/a: {children: 1}").settings().blindTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(parse("settings: {blind_timeout: 0}\n/a: {children: 1}").settings().blindTimeout()).isZero();
        assertThat(errors("settings: {blind_timeout: soon}\n/a: {children: 1}"))
                .singleElement().asString().contains("paths.yaml:1:27").contains("'blind_timeout' must be a number of seconds");
    }

    @Test
    void withoutSelfAlertersEveryAlerterAPathUsesHearsItOncePerDestination() {
        MonitorConfig c = parse("""
                alerters:
                  oncall: {type: email, to: [ops@x.com]}
                  unused: {type: email, to: [nobody@x.com]}
                  team-a: {type: slack, channel: "#a", token: "${SLACK_TOKEN}"}
                  team-b: {type: slack, channel: "#a", token: "${SLACK_TOKEN}"}
                /services/foo/min_1:
                  alerter:
                    email: you@home.com
                  children: 1
                /services/foo/min_0:
                  alerter:
                    email: you@home.com
                  children: 0
                /services/foo/other:
                  alerter: {email: [a@x.com, b@x.com]}
                /services/named: {alerter: [oncall, team-a, team-b, log]}
                /services/also: {alerter: oncall}
                /services/none: {children: 3}
                """);
        assertThat(c.selfAlerters()).as("the seed's inline email repeated on every path counts once; secrets tell alerters apart")
                .containsExactly("/services/foo/min_1#email", "/services/foo/other#email", "oncall", "team-a", "team-b", "log");
    }

    @Test
    void selfAlertersNamesTheAlertersAsAPathWould() {
        MonitorConfig c = parse("""
                settings:
                  self_alerters: [oncall, {email: admin@x.com}]
                alerters:
                  oncall: {type: email, to: [ops@x.com]}
                  team: {type: slack, channel: "#a", token: "${SLACK_TOKEN}"}
                /a: {children: 1, alerter: team}
                """);
        assertThat(c.selfAlerters()).containsExactly("oncall", "settings.self_alerters#email");
        assertThat(((ConfigLoaderTest.Mail) c.alerters().get("settings.self_alerters#email").alerter()).to()).containsExactly("admin@x.com");
        assertThat(parse("settings: {self_alerters: []}\n/a: {children: 1, alerter: log}").selfAlerters()).as("nobody").isEmpty();
    }

    @Test
    void anUnknownSelfAlerterIsAnErrorWithItsPlace() {
        assertThat(errors("""
                alerters:
                  oncall: {type: email, to: [ops@x.com]}
                settings:
                  self_alerters: [oncal]
                /a: {children: 1}
                """)).singleElement().asString().contains("paths.yaml:4:19").contains("unknown alerter 'oncal'").contains("did you mean 'oncall'");
        assertThat(errors("settings: {self_alerter: [log]}\n/a: {children: 1}")).singleElement().asString()
                .contains("unknown key 'self_alerter'").contains("did you mean 'self_alerters'");
    }

    @Test
    void describeShowsThem() {
        String d = parse("""
                settings: {blind_timeout: 90s}
                /a: {children: 1, alerter: {email: you@home.com}}
                """).describe();
        assertThat(d).contains("blind_timeout: 1m30s").contains("self_alerters:\n  - email");
    }
}
