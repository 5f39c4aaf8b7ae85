package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.time.ManualScheduler;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status view: what pages and metrics see, and a generation that moves whenever that changes. */
class StatusViewTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final TestPermission leader = new TestPermission(true);
    private final PermissionGate permission = new PermissionGate(leader, clock);
    private final SilenceStore silences = SilenceStore.inMemory();
    private final Map<String, AlerterDefinition> alerters = new HashMap<>();
    private final StatusView view = new StatusView("agent-1", new SilenceGate(silences), permission, () -> alerters);
    private final Tracked tr = new Tracked("/services/foo");

    @Test
    void publishesAPathsIncidentAndTheSilenceThatCoversItWhilePending() {
        silences.add(new Silence("s", "/services/*", clock.now().plusSeconds(60), "", "", clock.now()));
        tr.state = tr.state.withIncident(clock.now());
        view.publish(tr, clock.now());
        DispatcherStatus.PathAlert a = view.snapshot().paths().get("/services/foo");
        assertThat(a.pendingSince()).isEqualTo(clock.now());
        assertThat(a.notified()).isFalse();
        assertThat(a.silencedUntil()).isEqualTo(clock.now().plusSeconds(60));

        tr.state = tr.state.withoutIncident();
        view.publish(tr, clock.now());
        assertThat(view.snapshot().paths().get("/services/foo").silencedUntil()).as("nothing pending: nothing silenced").isNull();
    }

    @Test
    void theGenerationMovesWithEveryChangeShown() {
        long g = view.generation();
        view.publish(tr, clock.now());
        assertThat(view.generation()).isGreaterThan(g);
        g = view.generation();
        view.count("email", DeliveryOutcome.SENT);
        assertThat(view.generation()).isGreaterThan(g);
        g = view.generation();
        view.remove("/services/foo");
        assertThat(view.generation()).isGreaterThan(g);
        g = view.generation();
        view.remove("/services/foo");
        assertThat(view.generation()).as("nothing shown changed").isEqualTo(g);
        view.changed();
        assertThat(view.generation()).isGreaterThan(g);
    }

    @Test
    void countsByAlerterNameAndShowsAlertersAndWhetherThisAgentSends() {
        view.count("email", DeliveryOutcome.RETRY);
        view.count("email", DeliveryOutcome.SENT);
        view.count("email", DeliveryOutcome.SENT);
        alerters.put("oncall", new Recording().as("oncall", "oncall"));
        alerters.put("/a#slack", new Recording().as("/a#slack", "slack"));
        alerters.put("/b#slack", new Recording().as("/b#slack", "slack"));
        DispatcherStatus st = view.snapshot();
        assertThat(st.name()).isEqualTo("agent-1");
        assertThat(st.counters().get("email")).containsEntry(DeliveryOutcome.SENT, 2L).containsEntry(DeliveryOutcome.RETRY, 1L);
        assertThat(st.alerters()).containsExactly("oncall", "slack");
        assertThat(st.alerting()).isFalse();
        permission.refresh();
        assertThat(view.snapshot().alerting()).isTrue();
    }
}
