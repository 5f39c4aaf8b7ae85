package io.zkmon.alerts.internal.support;

import static io.zkmon.core.testing.AlerterContract.firing;
import static io.zkmon.core.testing.AlerterContract.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationTextTest {

    @Test
    void aFiringNotificationReadsAsOneLabelledLinePerFact() {
        assertThat(NotificationText.plain(firing("/services/foo"))).isEqualTo("""
                /services/foo out of spec.

                Path:              /services/foo
                State:             Error (was OK)
                Problem:           Found children (0) less than minimum (1)
                Children:          0 (removed: instance-1; added: none)
                Severity:          warning
                Cluster:           zkmonitor
                Agent:             agent-1
                Out of spec since: 2026-11-25T16:20:00Z
                Status:            http://agent-1:8080/status
                """);
    }

    @Test
    void aResolvedNotificationSaysWhenAndForHowLong() {
        assertThat(NotificationText.plain(resolved("/services/foo"))).isEqualTo("""
                /services/foo back in spec.

                Path:              /services/foo
                State:             OK (was Error)
                Now:               All checks pass.
                Children:          1 (removed: instance-1; added: instance-2)
                Severity:          warning
                Cluster:           zkmonitor
                Agent:             agent-1
                Out of spec since: 2026-11-25T16:20:00Z
                Back in spec at:   2026-11-25T16:21:00Z
                Out of spec for:   1m
                Status:            http://agent-1:8080/status
                """);
    }

    @Test
    void aReminderSaysStill() {
        Notification f = firing("/p");
        Notification reminder = new Notification(f.kind(), f.path(), f.state(), f.previousState(), f.message(), f.childCount(),
                f.childrenAdded(), f.childrenRemoved(), f.cluster(), f.agent(), f.startedAt(), f.at(), f.dedupKey(), true, f.statusUrl());
        assertThat(NotificationText.headline(reminder)).isEqualTo("/p still out of spec");
    }

    @Test
    void leavesOutWhatIsUnknownAndShowsAPlainCountWhenNoChildChanged() {
        Notification n = new Notification(Notification.Kind.FIRING, "/p", State.ERROR, null, "gone", 3, List.of(), List.of(), null, null,
                null, null, null, false, null);
        assertThat(NotificationText.fields(n)).extracting(io.zkmon.core.alert.TemplateVariables.Field::label).containsExactly("Path", "State", "Problem", "Children", "Severity");
        assertThat(NotificationText.children(n)).isEqualTo("3");
        assertThat(NotificationText.state(n)).isEqualTo("Error");
    }
}
