package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.Notification.Kind;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.dispatch.DeliveryRecord;
import io.zkmon.core.dispatch.RetryPolicy;
import io.zkmon.core.spec.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Delivery: one send at a time per lane, retries on the policy's backoff, every outcome recorded. */
class DeliveryTest {

    private static final String P = "/services/foo";

    private final Stages s = new Stages();
    private final Recording mail = s.alerter("mail");
    private Tracked tr;

    /** Wires the stages, with a path whose firing was decided (so its state is stored while anything is owed). */
    private void wire() {
        s.wire();
        Instant t = s.clock.now();
        tr = s.paths.track(P);
        tr.state = AlertState.clear(P).withIncident(t).withNotified(t, "k", null);
    }

    private static Notification note(Kind kind) {
        Instant t = Instant.parse("2026-11-25T12:00:00Z");
        return new Notification(kind, P, kind == Kind.FIRING ? State.ERROR : State.OK, State.OK, "m", 1, List.of(), List.of(),
                "prod", "agent-1", t, t, "k", false, null);
    }

    private void decide(Kind kind, String... alerters) {
        s.outbox.enqueue(tr, note(kind), List.of(alerters));
        s.delivery.pump(tr);
        s.clock.runDue();
    }

    private void after(long seconds) {
        s.clock.advance(Duration.ofSeconds(seconds));
    }

    private List<DeliveryOutcome> outcomes() {
        return tr.recent.stream().map(DeliveryRecord::outcome).toList();
    }

    @Test
    void sendsTheHeadAndDropsItFromTheStoredOutboxOnceSent() {
        wire();
        decide(Kind.FIRING, "mail");
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
        assertThat(s.store.loadAll().get(P).outbox()).isEmpty();
        assertThat(outcomes()).containsExactly(DeliveryOutcome.SENT);
        assertThat(s.status.snapshot().counters().get("mail")).containsEntry(DeliveryOutcome.SENT, 1L);
    }

    @Test
    void oneSendAtATimePerLaneSoARecoveryNeverOvertakesItsFiring() {
        DeliveryExecutorTest.Held held = new DeliveryExecutorTest.Held();
        s.executor = held;
        wire();
        decide(Kind.FIRING, "mail");
        decide(Kind.RESOLVED, "mail");
        assertThat(held.queue).as("the recovery waits for the firing").hasSize(1);
        held.runNext();
        s.clock.runDue();
        assertThat(held.queue).hasSize(1);
        held.runNext();
        s.clock.runDue();
        assertThat(mail.kinds()).containsExactly(Kind.FIRING, Kind.RESOLVED);
    }

    @Test
    void retriesOnTheBackoffUntilDelivered() {
        mail.script.add(SendResult.retryable("refused"));
        mail.script.add(SendResult.retryable("refused"));
        wire();
        decide(Kind.FIRING, "mail");
        assertThat(s.store.loadAll().get(P).outbox()).as("stored until delivered").hasSize(1);
        after(1);
        assertThat(mail.attempts).isEqualTo(2);
        after(1);
        assertThat(mail.attempts).as("the second retry waits 2 s").isEqualTo(2);
        after(1);
        assertThat(mail.attempts).isEqualTo(3);
        assertThat(outcomes()).containsExactly(DeliveryOutcome.RETRY, DeliveryOutcome.RETRY, DeliveryOutcome.SENT);
        assertThat(s.store.loadAll().get(P).outbox()).isEmpty();
    }

    @Test
    void givesUpWhenAttemptsRunOutOrAtOnceOnAPermanentFailureAndGoesOnWithTheNext() {
        s.retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, Duration.ofMinutes(1));
        mail.script.add(SendResult.retryable("503"));
        mail.script.add(SendResult.retryable("503"));
        mail.script.add(SendResult.permanent("550 no such user"));
        wire();
        decide(Kind.FIRING, "mail");
        decide(Kind.RESOLVED, "mail");
        after(1);
        assertThat(outcomes()).containsExactly(DeliveryOutcome.RETRY, DeliveryOutcome.GAVE_UP, DeliveryOutcome.FAILED);
        assertThat(tr.lanes.get("mail").items).isEmpty();
        assertThat(s.status.snapshot().counters().get("mail")).containsEntry(DeliveryOutcome.GAVE_UP, 1L)
                .containsEntry(DeliveryOutcome.FAILED, 1L);
    }

    @Test
    void anAlerterNoLongerConfiguredIsDroppedAndTheLaneGoesOn() {
        wire();
        s.alerters.remove("mail");
        decide(Kind.FIRING, "mail");
        assertThat(tr.lanes.get("mail").items).isEmpty();
        assertThat(s.store.loadAll().get(P).outbox()).isEmpty();
    }

    @Test
    void aSendThePoolRefusesIsTriedAgainLaterWithoutCountingAnAttempt() {
        boolean[] refuse = {true};
        s.executor = r -> {
            if (refuse[0]) {
                throw new RejectedExecutionException("queue full");
            }
            r.run();
        };
        wire();
        decide(Kind.FIRING, "mail");
        assertThat(mail.attempts).isZero();
        assertThat(tr.lanes.get("mail").items.peekFirst().attempts()).as("no attempt was made").isZero();
        assertThat(tr.lanes.get("mail").retryTimer).isNotNull();
        refuse[0] = false;
        after(1);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
        assertThat(tr.recent).singleElement().satisfies(r -> assertThat(r.attempts()).isEqualTo(1));
    }

    @Test
    void thePermissionIsAskedOnTheSendingThreadAndANoStopsTheSend() {
        wire();
        s.leader.permitted = false; // lapsed; nobody told the dispatcher
        decide(Kind.FIRING, "mail");
        assertThat(mail.attempts).isZero();
        assertThat(s.permission.holds()).as("the refusal made the dispatcher look again").isFalse();
        assertThat(tr.lanes.get("mail").items).as("reset: the shared outbox keeps it for the next sender").isEmpty();
        assertThat(s.store.loadAll().get(P).outbox()).hasSize(1);
    }

    @Test
    void aLaneGoesOnWhenThePermissionCameBackBeforeAnyoneNoticed() {
        int[] calls = {0};
        s.executor = r -> {
            if (calls[0]++ == 0) {
                s.leader.permitted = false; // lapsed as the first send started...
                r.run();
                s.leader.permitted = true; // ...and renewed before the dispatcher looked: no listener call either way
            } else {
                r.run();
            }
        };
        wire();
        decide(Kind.FIRING, "mail");
        assertThat(s.permission.holds()).isTrue();
        assertThat(mail.kinds()).as("the lane was started again, not left stalled").containsExactly(Kind.FIRING);
        assertThat(mail.attempts).isEqualTo(1);
    }

    @Test
    void startsNothingOnceClosed() {
        wire();
        s.delivery.close();
        decide(Kind.FIRING, "mail");
        assertThat(mail.attempts).isZero();
        assertThat(s.delivery.inFlight()).isZero();
    }
}
