package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.Notification.Kind;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.spec.State;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox: lanes per path and alerter, in order, stored with the path's state while this agent sends. */
class OutboxTest {

    private static final String P = "/services/foo";

    private final ManualScheduler clock = new ManualScheduler();
    private final TestPermission leader = new TestPermission(true);
    private final PermissionGate permission = new PermissionGate(leader, clock);
    private AlertStateStore store = AlertStateStore.inMemory();
    private Outbox outbox;
    private final Tracked tr = new Tracked(P);

    @BeforeEach
    void sending() {
        permission.refresh();
        outbox = new Outbox(store, permission);
    }

    private static Notification note(Kind kind) {
        Instant t = Instant.parse("2026-11-25T12:00:00Z");
        return new Notification(kind, P, kind == Kind.FIRING ? State.ERROR : State.OK, State.OK, "m", 1, List.of(), List.of(),
                "prod", "agent-1", t, t, "prod:" + P + ":1", false, null);
    }

    private List<String> storedOutbox() {
        return store.loadAll().get(P).outbox().stream().map(d -> d.alerter() + ":" + d.notification().kind()).toList();
    }

    @Test
    void keepsALaneperAlerterInOrderAndStoresTheOutboxOnEveryChange() {
        outbox.enqueue(tr, note(Kind.FIRING), List.of("mail", "chat"));
        outbox.enqueue(tr, note(Kind.RESOLVED), List.of("mail", "chat"));
        assertThat(tr.lanes.get("mail").items).extracting(d -> d.notification().kind()).containsExactly(Kind.FIRING, Kind.RESOLVED);
        assertThat(storedOutbox()).containsExactly("mail:FIRING", "mail:RESOLVED", "chat:FIRING", "chat:RESOLVED");
        assertThat(outbox.hasQueued(tr, "mail")).isTrue();
        assertThat(outbox.hasQueued(tr, "pager")).isFalse();

        outbox.complete(tr, tr.lanes.get("mail"));
        assertThat(storedOutbox()).containsExactly("mail:RESOLVED", "chat:FIRING", "chat:RESOLVED");
        assertThat(tr.state.outbox()).hasSize(3);
    }

    @Test
    void writesNothingWhileThisAgentDoesNotSendButStillTracksTheLanes() {
        leader.permitted = false;
        permission.refresh();
        outbox.enqueue(tr, note(Kind.FIRING), List.of("mail"));
        outbox.update(tr, tr.state.withIncident(clock.now()));
        outbox.forget(P);
        assertThat(store.loadAll()).isEmpty();
        assertThat(tr.state.outbox()).hasSize(1);
    }

    @Test
    void updateKeepsTheOutboxFromTheLanesWhateverTheNewStateSays() {
        outbox.enqueue(tr, note(Kind.FIRING), List.of("mail"));
        outbox.update(tr, AlertState.clear(P));
        assertThat(store.loadAll().get(P).outbox()).hasSize(1);
    }

    @Test
    void anAttemptCountsAndKeepsTheFirstAttemptTimeAndCanBeTakenBack() {
        outbox.enqueue(tr, note(Kind.FIRING), List.of("mail"));
        Lane lane = tr.lanes.get("mail");
        PendingDelivery before = lane.items.peekFirst();
        PendingDelivery first = outbox.startAttempt(lane, clock.now());
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.firstAttempt()).isEqualTo(clock.now());
        clock.advance(Duration.ofSeconds(5));
        PendingDelivery second = outbox.startAttempt(lane, clock.now());
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.firstAttempt()).isEqualTo(first.firstAttempt());
        assertThat(lane.items).containsExactly(second);

        outbox.undoAttempt(lane, second, first);
        assertThat(lane.items).containsExactly(first);
        outbox.undoAttempt(lane, second, before); // no longer the head: nothing to take back
        assertThat(lane.items).containsExactly(first);
    }

    @Test
    void loadReplacesTheLanesByTheStoredOutboxAndResetStopsRetries() {
        outbox.enqueue(tr, note(Kind.FIRING), List.of("chat"));
        boolean[] cancelled = {false};
        tr.lanes.get("chat").retryTimer = () -> cancelled[0] = true;
        AlertState stored = new AlertState(P, clock.now(), true, clock.now(), "k", null,
                List.of(new PendingDelivery("mail", note(Kind.FIRING), clock.now(), 3), new PendingDelivery("mail", note(Kind.RESOLVED), null, 0)));
        outbox.load(tr, stored);
        assertThat(cancelled[0]).isTrue();
        assertThat(tr.lanes).containsOnlyKeys("mail");
        assertThat(tr.lanes.get("mail").items).extracting(PendingDelivery::attempts).containsExactly(3, 0);
        assertThat(tr.state).isEqualTo(stored);
        assertThat(outbox.owes(tr)).isTrue();
        assertThat(outbox.settled(tr)).isFalse();

        outbox.reset(tr);
        assertThat(outbox.owes(tr)).isFalse();
        assertThat(outbox.settled(tr)).isTrue();
    }

    @Test
    void aStoreThatFailsIsLoggedNeverThrown() {
        AlertStateStore broken = new AlertStateStore() {
            @Override
            public Map<String, AlertState> loadAll() {
                throw new IllegalStateException("connection loss");
            }

            @Override
            public void put(AlertState state) {
                throw new IllegalStateException("connection loss");
            }

            @Override
            public void remove(String path) {
                throw new IllegalStateException("connection loss");
            }
        };
        Outbox failing = new Outbox(broken, permission);
        failing.enqueue(tr, note(Kind.FIRING), List.of("mail"));
        failing.forget(P);
        assertThat(failing.loadShared()).isEmpty();
        assertThat(tr.state.outbox()).hasSize(1);
    }
}
