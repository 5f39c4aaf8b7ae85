package io.zkmon.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AlertState's with-methods: each changes what its name says and keeps the rest. */
class AlertStateTest {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");
    private static final PendingDelivery QUEUED = new PendingDelivery("mail",
            new Notification(Notification.Kind.RESOLVED, "/p", State.OK, State.ERROR, "ok", 2, List.of(), List.of(), "c", "a", T, T, "k",
                    false, null), null, 0);

    @Test
    void anIncidentIsNotifiedThenOverAndTheOutboxStaysThroughout() {
        AlertState s = AlertState.clear("/p").withOutbox(List.of(QUEUED));
        AlertState pending = s.withIncident(T);
        assertThat(pending).isEqualTo(new AlertState("/p", T, false, null, null, null, List.of(QUEUED)));

        AlertState notified = pending.withNotified(T.plusSeconds(10), "k", T.plusSeconds(70));
        assertThat(notified).isEqualTo(new AlertState("/p", T, true, T.plusSeconds(10), "k", T.plusSeconds(70), List.of(QUEUED)));

        AlertState again = notified.withIncident(T.plusSeconds(100));
        assertThat(again.notified()).as("a new incident starts unnotified").isFalse();
        assertThat(again.dedupKey()).isNull();

        AlertState over = notified.withoutIncident();
        assertThat(over).isEqualTo(new AlertState("/p", null, false, null, null, null, List.of(QUEUED)));
        assertThat(over.isClear()).isFalse();
        assertThat(over.withOutbox(List.of()).isClear()).isTrue();
    }
}
