package io.zkmon.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.DataJsonRule;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.DataRegexRule;
import io.zkmon.core.spec.ExistsRule;
import io.zkmon.core.spec.JsonMatcher;
import io.zkmon.core.spec.PathSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML format: the seed's, the extended one, and every kind of mistake, located. */
class ConfigLoaderTest {

    /** Test double for a mail backend: the seed's value forms or {to: [...], smtp: {password}}. */
    record Mail(List<String> to, String password) implements Alerter {
        @Override
        public SendResult send(io.zkmon.core.alert.Notification n) {
            return SendResult.sent();
        }
    }

    static final class MailProvider implements AlerterProvider {
        @Override
        public String type() {
            return "email";
        }

        @Override
        public Alerter create(AlerterSettings s) {
            List<String> to = s.isMap() ? s.strings("to") : s.values();
            String password = s.isMap() ? s.child("smtp").secret("password", null) : null;
            if (s.isMap()) {
                s.child("smtp").string("host", "localhost");
            }
            if (to.isEmpty()) {
                s.error(s.isMap() ? "to" : null, "email needs at least one address");
            }
            return new Mail(to, password);
        }
    }

    static final class ChatProvider implements AlerterProvider {
        @Override
        public String type() {
            return "slack";
        }

        @Override
        public Alerter create(AlerterSettings s) {
            s.string("channel");
            s.secret("token");
            s.string("from", "zkmon");
            return n -> SendResult.sent();
        }
    }

    private final Map<String, String> env = Map.of("SLACK_TOKEN", "xoxb-very-secret", "MIN", "3");
    private final ConfigLoader loader = ConfigLoader.create(
            AlerterRegistry.of(List.of(new MailProvider(), new ChatProvider(), new io.zkmon.core.alert.LogAlerterProvider())), env);

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
    void readsTheSeedFormatUnchanged() {
        MonitorConfig c = parse("""
                /services/foo/min_1:
                  alerter:
                    email: you@home.com
                  children: 1
                /services/foo/min_0:
                  alerter:
                    email: [a@x.com, b@x.com]
                  children: 0
                  cancel_timeout: 10
                /services/foo/min_3:
                  children: 3
                """);
        assertThat(c.paths()).extracting(PathSpec::path).containsExactly("/services/foo/min_1", "/services/foo/min_0", "/services/foo/min_3");
        PathSpec min0 = c.spec("/services/foo/min_0");
        assertThat(min0.rules()).containsExactly(ChildrenRule.atLeast(0));
        assertThat(min0.cancelTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(min0.alerters()).containsExactly("/services/foo/min_0#email");
        assertThat(((Mail) c.alerters().get("/services/foo/min_0#email").alerter()).to()).containsExactly("a@x.com", "b@x.com");
        assertThat(c.spec("/services/foo/min_3").alerters()).isEmpty();
        assertThat(c.alerterNames()).containsExactly("email");
    }

    @Test
    void acceptsACommaSeparatedAddressList() {
        MonitorConfig c = parse("/a: {children: 1, alerter: {email: \"a@x.com, b@x.com\"}}");
        assertThat(((Mail) c.alerters().get("/a#email").alerter()).to()).containsExactly("a@x.com", "b@x.com");
    }

    @Test
    void readsWhatMetricsExportPerPathWithASaneDefault() {
        assertThat(parse("/a: {children: 1}").settings().metrics()).isEqualTo(MetricsSettings.DEFAULT);
        assertThat(MetricsSettings.DEFAULT.pathSeries()).isEqualTo(1000);
        assertThat(parse("settings: {metrics: {path_series: all, path_labels: [team, tier]}}\n/a: {children: 1}")
                .settings().metrics()).isEqualTo(new MetricsSettings(MetricsSettings.ALL, List.of("team", "tier")));
        assertThat(parse("settings: {metrics: {path_series: false}}\n/a: {children: 1}").settings().metrics().pathSeries())
                .isZero();
        assertThat(parse("settings: {metrics: {path_series: 50}}\n/a: {children: 1}").settings().metrics().pathSeries())
                .isEqualTo(50);
    }

    @Test
    void refusesMetricsSettingsThatCannotWork() {
        assertThat(errors("settings: {metrics: {path_series: lots, path_labels: [path, 9x], pathlabels: []}}\n/a: {children: 1}"))
                .anySatisfy(e -> assertThat(e).contains("'metrics.path_series' must be a number of paths (a cap), 'all' or 'none', got 'lots'")
                        .contains("paths.yaml:1:35"))
                .anySatisfy(e -> assertThat(e).contains("'path' is a label zkmon's series already have"))
                .anySatisfy(e -> assertThat(e).contains("'9x' is not a Prometheus label name"))
                .anySatisfy(e -> assertThat(e).contains("unknown key 'pathlabels'"));
    }

    @Test
    void readsTheExtendedFormatWithDefaultsNamedAlertersAndPaths() {
        MonitorConfig c = parse("""
                settings:
                  resync_interval: 2m
                  retry: {initial_delay: 500ms, max_delay: 30s, max_attempts: 5, window: 10m}
                  env_allow: [MIN]
                defaults:
                  cancel_timeout: 30s
                  alerter: [oncall, team]
                alerters:
                  oncall: {type: email, to: [ops@x.com], smtp: {host: mail.x.com, password: hunter2}}
                  team: {type: slack, channel: "#ops", token: "${SLACK_TOKEN}"}
                paths:
                  /services/api/instances:
                    children: {min: "${MIN}", max: 10, where: {json: {enabled: true, payload.zone: eu-1}}}
                  /services/web:
                    exists: true
                    data: {regex: "^ok$"}
                    data_max_age: 10m
                    repeat_interval: 1h
                    alerter: log
                /services/legacy:
                  children: 1
                  cancel_timeout: 0
                  alerter: []
                """);
        assertThat(c.settings().resyncInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.settings().retry().initialDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.settings().retry().maxAttempts()).isEqualTo(5);

        PathSpec api = c.spec("/services/api/instances");
        assertThat(api.rules()).containsExactly(new ChildrenRule(3, 10, new JsonMatcher(Map.of("enabled", true, "payload.zone", "eu-1"))));
        assertThat(api.cancelTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(api.alerters()).containsExactly("oncall", "team");

        PathSpec web = c.spec("/services/web");
        assertThat(web.rules()).hasSize(3).hasAtLeastOneElementOfType(ExistsRule.class)
                .hasAtLeastOneElementOfType(DataRegexRule.class).hasAtLeastOneElementOfType(DataMaxAgeRule.class);
        assertThat(web.repeatInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(web.alerters()).containsExactly("log");
        assertThat(web.needsData()).isTrue();

        PathSpec legacy = c.spec("/services/legacy");
        assertThat(legacy.cancelTimeout()).isZero();
        assertThat(legacy.alerters()).as("an explicit empty list overrides the defaults").isEmpty();
        assertThat(((Mail) c.alerters().get("oncall").alerter()).password()).isEqualTo("hunter2");
    }

    @Test
    void acceptsGlobsAndDataJsonRules() {
        MonitorConfig c = parse("""
                /services/*/instances: {children: 1}
                /solr/**: {}
                /config/app: {data: {json: {mode: active, replicas: 3}}}
                """);
        assertThat(c.spec("/services/*/instances").isGlob()).isTrue();
        assertThat(c.spec("/solr/**").rules()).isEmpty();
        assertThat(c.spec("/config/app").rules()).containsExactly(new DataJsonRule(new JsonMatcher(Map.of("mode", "active", "replicas", 3L))));
    }

    @Test
    void readsDurationsInEveryForm() {
        MonitorConfig c = parse("""
                /a: {cancel_timeout: 10}
                /b: {cancel_timeout: 500ms}
                /c: {cancel_timeout: 30s}
                /d: {cancel_timeout: 5m}
                /e: {cancel_timeout: 1h}
                /f: {cancel_timeout: 1.5}
                """);
        assertThat(c.paths()).extracting(PathSpec::cancelTimeout).containsExactly(Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMillis(1500));
    }

    @Test
    void interpolatesAllowedEnvironmentVariablesWithDefaults() {
        MonitorConfig c = parse("settings: {env_allow: [MIN, \"NOT_*\"]}\n"
                + "/a: {children: \"${MIN}\"}\n/b: {children: \"${NOT_SET:-2}\"}\n/c: {data: {regex: \"cost $$5\"}}");
        assertThat(c.spec("/a").rules()).containsExactly(ChildrenRule.atLeast(3));
        assertThat(c.spec("/b").rules()).containsExactly(ChildrenRule.atLeast(2));
        assertThat(((DataRegexRule) c.spec("/c").rules().get(0)).pattern().pattern()).isEqualTo("cost $5");
    }

    @Test
    void replacesEnvironmentVariablesOnlyInSecretsUnlessAllowed() {
        MonitorConfig c = parse("alerters:\n  team: {type: slack, channel: \"#ops\", token: \"${SLACK_TOKEN}\"}\n/a: {alerter: team}\n");
        assertThat(c.alerters()).containsKey("team");

        assertThat(errors("/a: {data: {regex: \"${SLACK_TOKEN}\"}}")).singleElement().asString()
                .startsWith("'data.regex' uses ${SLACK_TOKEN}, but 'data.regex' is not a secret, so its value would be shown")
                .contains("settings.env_allow: [SLACK_TOKEN]").contains("paths.yaml:1:20").doesNotContain("xoxb");
        assertThat(errors("alerters:\n  team: {type: slack, channel: \"${SLACK_TOKEN}\", token: x}\n/a: {alerter: team}\n"))
                .singleElement().asString().startsWith("'channel' uses ${SLACK_TOKEN}, but 'channel' is not a secret");
    }

    @Test
    void neverReplacesVariablesHoldingZkmonsOwnSecrets() {
        Map<String, String> withOwn = Map.of("ZKMON_API_TOKEN", "api-secret", "ZKMON_ZOOKEEPER_PASS", "zk-secret");
        ConfigLoader l = ConfigLoader.create(AlerterRegistry.of(List.of(new ChatProvider())), withOwn);
        assertThatThrownBy(() -> l.parse("alerters:\n  team: {type: slack, channel: x, token: \"${ZKMON_API_TOKEN}\"}\n"
                + "/a: {alerter: team, data: {regex: \"${ZKMON_ZOOKEEPER_PASS}\"}}\nsettings: {env_allow: [ZKMON_ZOOKEEPER_PASS]}\n", "p.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(ConfigError::toString)
                        .anySatisfy(m -> assertThat(m).startsWith("'token' uses ${ZKMON_API_TOKEN}, which holds a secret of zkmon itself"))
                        .anySatisfy(m -> assertThat(m).startsWith("settings.env_allow must not allow 'ZKMON_ZOOKEEPER_PASS'")))
                .hasMessageNotContaining("api-secret").hasMessageNotContaining("zk-secret");
    }

    @Test
    void namesFileLineColumnAndSuggestsTheNearestKeyForATypo() {
        assertThat(errors("paths:\n  /services/foo:\n    chidren: 1\n")).containsExactly(
                "unknown key 'chidren' in /services/foo at paths.yaml:3:5; did you mean 'children'?");
    }

    @Test
    void aFileInTheOldFormWarnsOfWhatTheOldDaemonIgnoredAndKeepsThePath() {
        MonitorConfig c = parse("/services/foo:\n  chidren: 1\n  children: 2\n  alerter: {email: a@x.com, pager: {key: x}}\n");
        assertThat(c.warnings()).extracting(ConfigError::toString).containsExactly(
                "unknown key 'chidren' in /services/foo (ignored, as the old daemon did) at paths.yaml:2:3; did you mean 'children'?",
                "unknown alerter type 'pager' (available: email, log, slack); ignored, as the old daemon did: the path is still watched,"
                        + " and alerts go to its other alerters at paths.yaml:4:29");
        assertThat(c.spec("/services/foo").rules()).containsExactly(ChildrenRule.atLeast(2));
        assertThat(c.spec("/services/foo").alerters()).containsExactly("/services/foo#email");

        assertThatThrownBy(() -> loader.strict(true).parse("/services/foo:\n  chidren: 1\n", "paths.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'chidren' in /services/foo at paths.yaml:2:3");
    }

    @Test
    void reportsEveryErrorOfAFileTogetherInFileOrder() {
        List<String> errors = errors("""
                /a:
                  children: many
                /b:
                  children: {min: 5, max: 2}
                /c:
                  cancel_timeout: soon
                d/e:
                  children: 1
                /f/:
                  children: -1
                /g:
                  alerter: pager
                /h:
                  data: {regex: "([a-z"}
                defualts: {}
                """);
        assertThat(errors).containsExactly(
                "'children' must be a whole number, got 'many' at paths.yaml:2:13",
                "'children.max' (2) must not be less than 'children.min' (5) at paths.yaml:4:27",
                "'cancel_timeout' must be a number of seconds or a number with a unit: 500ms, 30s, 5m, 1h, 1d, got 'soon' at paths.yaml:6:19",
                "'d/e' is not a valid path: paths must start with '/' at paths.yaml:7:1; did you mean '/d/e'?",
                "path '/f/' must not end with '/' at paths.yaml:9:1",
                "unknown alerter 'pager' (named alerters: none; types: email, log, slack) at paths.yaml:12:12",
                "'data.regex' is not a valid regular expression: Unclosed character class at paths.yaml:14:17",
                "unknown key 'defualts' at paths.yaml:15:1; did you mean 'defaults'?");
    }

    @Test
    void refusesADataRegexThatCannotRunInLinearTime() {
        assertThat(errors("/h:\n  data: {regex: \"^(a+)\\\\1$\"}\n")).singleElement().asString()
                .startsWith("'data.regex' is not a valid regular expression: invalid escape sequence")
                .contains("no backreferences, lookaround or possessive quantifiers")
                .endsWith("at paths.yaml:2:17");
    }

    @Test
    void checksAlerterSettingsWithTheirLocations() {
        List<String> errors = errors("""
                alerters:
                  team: {type: slack, chanel: "#ops"}
                  pager: {type: pagerduty}
                  broken: {to: [x@y.z]}
                /a:
                  alerter: [team]
                """);
        assertThat(errors).containsExactly(
                "alerter 'team' needs 'channel' at paths.yaml:2:9",
                "alerter 'team' needs 'token' at paths.yaml:2:9",
                "unknown key 'chanel' in alerter 'team' at paths.yaml:2:23; did you mean 'channel'?",
                "unknown alerter type 'pagerduty' (available: email, log, slack) at paths.yaml:3:17",
                "alerter 'broken' needs 'type' (one of: email, log, slack) at paths.yaml:4:3");
    }

    @Test
    void rejectsDuplicateKeysAndPathsDefinedTwice() {
        assertThat(errors("/a: {children: 1}\n/a: {children: 2}\n")).containsExactly("duplicate key '/a' (first at line 1) at paths.yaml:2:1");
        assertThat(errors("/a: {children: 1}\npaths:\n  /a: {children: 2}\n"))
                .containsExactly("path '/a' is defined twice (first at line 1) at paths.yaml:3:3");
    }

    @Test
    void explainsYamlSyntaxErrorsWithTheirPosition() {
        assertThat(errors("/a:\n  children: [1\n")).singleElement().asString()
                .startsWith("invalid YAML: ").contains("at paths.yaml:3:1");
        assertThat(errors("")).containsExactly("the file is empty; add a path such as '/services/foo: {children: 1}' at paths.yaml:1:1");
        assertThat(errors("- /a\n- /b\n")).singleElement().asString().startsWith("'(top level)' must be a map of znode paths");
    }

    @Test
    void namesAMissingEnvironmentVariableButNeverItsNeighboursValue() {
        assertThat(errors("settings: {env_allow: [NOPE]}\n/a: {children: \"${NOPE}\"}")).first().asString()
                .startsWith("environment variable 'NOPE' used by 'children' is not set; set it or write ${NOPE:-default} at paths.yaml:2:16");
    }

    @Test
    void reportsAFileThatCannotBeRead(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.yaml:1:1").hasMessageContaining("no such file");
    }

    @Test
    void loadsAFileAndDescribesItWithSecretsMasked(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("zk.yaml");
        Files.writeString(f, """
                alerters:
                  team: {type: slack, channel: "#ops", token: "${SLACK_TOKEN}"}
                  oncall: {type: email, to: ops@x.com, smtp: {password: hunter2}}
                /a: {children: 1, alerter: [team, oncall]}
                """);
        MonitorConfig c = loader.load(f);
        String described = c.describe();
        assertThat(described).contains("/a:", "channel: '#ops'", "token: '****'", "password: '****'")
                .doesNotContain("xoxb-very-secret").doesNotContain("hunter2");
    }
}
