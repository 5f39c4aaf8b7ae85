package io.zkmon.alerts.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.config.ConfigError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerConfigTest {

    @Test
    void takesOneUrlAListOrAMap() {
        try (Alerter one = Configs.alerter("/p: {alerter: {alertmanager: 'http://am:9093'}}", "/p#alertmanager");
                Alerter list = Configs.alerter("/p: {alerter: {alertmanager: ['http://am-1:9093', 'http://am-2:9093']}}", "/p#alertmanager");
                Alerter map = Configs.named("type: alertmanager, urls: ['http://am-1:9093', 'http://am-2:9093'], refresh_interval: 30s")) {
            assertThat(one).hasToString("alertmanager [http://am:9093]");
            assertThat(list).hasToString("alertmanager [http://am-1:9093, http://am-2:9093]");
            assertThat(map.refreshInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(one.refreshInterval()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void needsUrlOrUrls() {
        assertThat(Configs.errors("/services/foo:\n  alerter:\n    alertmanager: {labels: {team: a}}\n")).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("url");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).contains("needs 'url'", "or 'urls'");
        });
    }

    @Test
    void rejectsBothUrlAndUrlsDuplicatesAndMalformedOnes() {
        assertThat(Configs.errors("/p: {alerter: {alertmanager: {url: 'http://a', urls: ['http://b']}}}\n"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("both 'url' and 'urls'"));
        assertThat(Configs.errors("/p: {alerter: {alertmanager: {urls: ['http://a:9093', 'http://a:9093/']}}}\n"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("lists http://a:9093 twice"));
        assertThat(Configs.errors("/p: {alerter: {alertmanager: {urls: ['am:9093']}}}\n"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("absolute http or https URL", "'am:9093'"));
    }

    @Test
    void credentialsInAUrlAreRefusedWithoutBeingShown() {
        assertThat(Configs.errors("/p: {alerter: {alertmanager: 'http://admin:pw-1234@am:9093'}}\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("credentials in a URL", "headers").doesNotContain("pw-1234"));
    }

    @Test
    void extraLabelsMustBeValidAndNotZkmonsOwn() {
        List<ConfigError> errors = Configs.errors(
                "/p: {alerter: {alertmanager: {url: 'http://am', labels: {path: x, 9lives: y, team: '', severity: page}}}}\n");
        assertThat(errors).extracting(ConfigError::message).containsExactly(
                "label 'path' of alerter 'alertmanager' is set by zkmon; pick another name",
                "label '9lives' of alerter 'alertmanager' is not a valid Prometheus label name (letters, digits and '_', not starting with a digit)",
                "label 'team' of alerter 'alertmanager' must not be empty");
    }

    @Test
    void theRefreshIntervalMustBePositive() {
        assertThat(Configs.errors("/p: {alerter: {alertmanager: {url: 'http://am', refresh_interval: 0}}}\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'refresh_interval' must be longer than 0"));
    }
}
