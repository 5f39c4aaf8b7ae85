package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.Notification.Kind;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one place notifications are built. */
class NotificationFactoryTest {

    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    private final NotificationFactory factory = new NotificationFactory("prod", "agent-1", "http://a:8080/status");

    @Test
    void aFiringAndItsRecoveryShareTheIncidentAndCarryTheChildrenThatCameAndWent() {
        Tracked tr = new Tracked("/services/foo");
        tr.childCount = 1;
        tr.accumulate(List.of("c"), List.of("a", "b"));
        String key = factory.dedupKey(tr.path, START);
        assertThat(key).isEqualTo("prod:/services/foo:" + START.toEpochMilli());

        Notification firing = factory.create(Kind.FIRING, tr, "low", START, key, START.plusSeconds(10), false);
        assertThat(firing.state()).isEqualTo(State.ERROR);
        assertThat(firing.previousState()).isEqualTo(State.OK);
        assertThat(firing.childrenAdded()).containsExactly("c");
        assertThat(firing.childrenRemoved()).containsExactly("a", "b");
        assertThat(firing).extracting(Notification::cluster, Notification::agent, Notification::statusUrl, Notification::childCount)
                .containsExactly("prod", "agent-1", "http://a:8080/status", 1);

        tr.accumulate(List.of("a"), List.of());
        assertThat(firing.childrenRemoved()).as("a copy, not a view").containsExactly("a", "b");

        Notification resolved = factory.create(Kind.RESOLVED, tr, "ok", START, key, START.plusSeconds(60), false);
        assertThat(resolved.state()).isEqualTo(State.OK);
        assertThat(resolved.previousState()).isEqualTo(State.ERROR);
        assertThat(resolved.dedupKey()).isEqualTo(firing.dedupKey());
        assertThat(resolved.endedAt()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void aPathAlertCarriesItsSpecsSeverityLabelsAndAnnotations() {
        Tracked tr = new Tracked("/services/foo");
        tr.spec = PathSpec.builder("/services/foo").minChildren(1).severity(Severity.CRITICAL).label("team", "payments")
                .annotation("runbook_url", "https://runbooks/foo").build();
        Notification n = factory.create(Kind.FIRING, tr, "low", START, factory.dedupKey(tr.path, START), START, false);
        assertThat(n.alertName()).isEqualTo(Notification.PATH_ALERT);
        assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(n.labels()).containsExactly(java.util.Map.entry("team", "payments"));
        assertThat(n.annotations()).containsExactly(java.util.Map.entry("runbook_url", "https://runbooks/foo"));
    }
}
