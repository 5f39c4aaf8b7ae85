package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.config.MonitorSettings;
import io.zkmon.core.spec.PathSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A monitor's alerters: the config's, which change with each reload, and those given in code, which stay; a config
 * naming an alerter neither defines is refused; a reload closes what it dropped.
 */
class MonitorAlertersTest {

    private static final class Named implements Alerter {
        final String name;
        final Duration beats;
        int closed;
        boolean failClose;

        Named(String name, Duration beats) {
            this.name = name;
            this.beats = beats;
        }

        public String name() {
            return name;
        }

        @Override
        public SendResult send(Notification notification) {
            return SendResult.sent();
        }

        @Override
        public Duration heartbeatInterval() {
            return beats;
        }

        @Override
        public void close() {
            closed++;
            if (failClose) {
                throw new IllegalStateException("socket already closed");
            }
        }
    }

    private static AlerterDefinition def(String id, Alerter a) {
        return new AlerterDefinition(id, "name of " + id, "test", a, null);
    }

    private static MonitorConfig config(List<PathSpec> paths, AlerterDefinition... defs) {
        Map<String, AlerterDefinition> byId = new LinkedHashMap<>();
        for (AlerterDefinition d : defs) {
            byId.put(d.id(), d);
        }
        return new MonitorConfig("test.yaml", paths, byId, MonitorSettings.DEFAULT);
    }

    private static PathSpec path(String path, String... alerters) {
        return new PathSpec(path, List.of(), Duration.ZERO, Duration.ZERO, List.of(alerters));
    }

    private final Named inCode = new Named("code", Duration.ZERO);
    private final MonitorAlerters alerters = new MonitorAlerters(Map.of("pager", inCode));

    @Test
    void aPathMayUseAlertersOfTheConfigAndAlertersGivenInCode() {
        alerters.check(config(List.of(path("/a", "mail", "pager")), def("mail", new Named("mail", Duration.ZERO))));
    }

    @Test
    void aPathNamingAnUndefinedAlerterIsRefusedWithWhatIsKnown() {
        MonitorConfig cfg = config(List.of(path("/a", "slack")), def("mail", new Named("mail", Duration.ZERO)));

        assertThatThrownBy(() -> alerters.check(cfg))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/a")
                .hasMessageContaining("'slack'")
                .hasMessageContaining("[mail, pager]");
    }

    @Test
    void allListsTheConfigsAlertersThenThoseGivenInCode() {
        Map<String, AlerterDefinition> all = alerters.all(config(List.of(), def("mail", new Named("mail", Duration.ZERO))));

        assertThat(all).containsOnlyKeys("mail", "pager");
        assertThat(all.keySet()).containsExactly("mail", "pager");
        assertThat(all.get("pager").alerter()).isSameAs(inCode);
        assertThat(all.get("pager").type()).isEqualTo("code");
        assertThat(alerters.names(config(List.of(), def("mail", new Named("mail", Duration.ZERO)))))
                .containsExactly(Map.entry("mail", "name of mail"), Map.entry("pager", "pager"));
    }

    @Test
    void heartbeatsGoToAlertersWithAnIntervalWhetherFromConfigOrCode() {
        Named beatsInCode = new Named("watchdog", Duration.ofMinutes(1));
        MonitorAlerters mixed = new MonitorAlerters(Map.of("pager", inCode, "watchdog", beatsInCode));
        Named beatsInConfig = new Named("hc", Duration.ofSeconds(30));

        Map<String, Alerter> beats = mixed.heartbeats(config(List.of(), def("hc", beatsInConfig), def("mail", new Named("mail", Duration.ZERO))));

        assertThat(beats).containsOnlyKeys("hc", "watchdog");
        assertThat(beats.get("hc")).isSameAs(beatsInConfig);
    }

    @Test
    void aReloadClosesOnlyTheAlertersItDropped() {
        Named kept = new Named("kept", Duration.ZERO);
        Named dropped = new Named("dropped", Duration.ZERO);
        MonitorConfig old = config(List.of(), def("kept", kept), def("dropped", dropped));
        MonitorConfig next = config(List.of(), def("kept-renamed", kept));

        MonitorAlerters.closeDropped(old, next);

        assertThat(kept.closed).isZero();
        assertThat(dropped.closed).isEqualTo(1);
    }

    @Test
    void anAlerterThatFailsToCloseDoesNotStopTheOthersFromClosing() {
        Named broken = new Named("broken", Duration.ZERO);
        broken.failClose = true;
        Named other = new Named("other", Duration.ZERO);

        MonitorAlerters.closeDropped(config(List.of(), def("broken", broken), def("other", other)), config(List.of()));

        assertThat(broken.closed).isEqualTo(1);
        assertThat(other.closed).isEqualTo(1);
    }
}
