package io.zkmon.alerts.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.config.MonitorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagerDutyConfigTest {

    @Test
    void postsToTheEventsApiWithEachPathsSeverityUnlessTheAlerterFixesOne() {
        try (Alerter a = Configs.named("type: pagerduty, routing_key: R0UT1NGKEY")) {
            assertThat(a).hasToString("pagerduty https://events.pagerduty.com severity of each path");
        }
        try (Alerter a = Configs.named("type: pagerduty, routing_key: R0UT1NGKEY, severity: error")) {
            assertThat(a).hasToString("pagerduty https://events.pagerduty.com severity error");
        }
    }

    @Test
    void theRoutingKeyIsMaskedAndMayComeFromTheEnvironment() {
        MonitorConfig c = Configs.parse("alerters:\n  pd: {type: pagerduty, routing_key: '${PD_KEY}'}\n/p: {alerter: pd}\n",
                Map.of("PD_KEY", "env-routing-key-123"));
        try {
            assertThat(c.describe()).doesNotContain("env-routing-key-123", "PD_KEY");
        } finally {
            c.alerters().values().forEach(d -> d.alerter().close());
        }
    }

    @Test
    void needsARoutingKey() {
        assertThat(Configs.errors("/services/foo:\n  alerter:\n    pagerduty: {severity: critical}\n")).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("routing_key");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).isEqualTo("alerter 'pagerduty' of /services/foo needs 'routing_key'");
        });
    }

    @Test
    void severityIsOneOfPagerDutys() {
        assertThat(Configs.errors("/p: {alerter: {pagerduty: {routing_key: k, severity: sev1}}}\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("'severity' of alerter 'pagerduty' must be one of critical, error, warning, info, got 'sev1'"));
    }
}
