package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.Notification.Kind;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Takeover: what this agent does when it gains or loses the permission to send. */
class TakeoverTest {

    private static final String P = "/services/foo";
    private static final Compliance LOW = Compliance.error("Found children (1) less than minimum (2)");

    private final Stages s = new Stages();
    private final Recording mail = s.alerter("mail");

    private PathSpec spec(String path, long graceSeconds) {
        return new PathSpec(path, List.of(), Duration.ofSeconds(graceSeconds), Duration.ZERO, List.of("mail"));
    }

    private static Notification firing(String path, Instant at) {
        return new Notification(Kind.FIRING, path, State.ERROR, State.OK, "gone", 0, List.of(), List.of(), "prod", "old-leader", at, at,
                "prod:" + path + ":1", false, null);
    }

    private void see(PathSpec spec, Compliance c) {
        s.policy.onTransition(s.paths.track(spec.path()), new Transition(spec, Compliance.OK, c, 1, List.of(), List.of(), s.clock.now()));
        s.clock.runDue();
    }

    @Test
    void gainingPermissionDeliversTheOldSendersOutboxAndResolvesWhatItSentThatIsOverNow() {
        Instant start = s.clock.now().minusSeconds(120);
        s.store.put(AlertState.clear("/other").withIncident(start).withNotified(start, "prod:/other:1", null)
                .withOutbox(List.of(new PendingDelivery("mail", firing("/other", start), start, 3))));
        s.store.put(AlertState.clear(P).withIncident(start).withNotified(start, "prod:" + P + ":7", null));
        s.lookup = path -> path.equals(P) ? new PathLookup.Observed(spec(P, 0), Compliance.OK, 2) : null;
        s.leader.permitted = false;
        s.wire();
        assertThat(mail.got).isEmpty();

        s.leader.set(true);
        s.clock.runDue();
        assertThat(mail.got).extracting(Notification::path, Notification::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/other", Kind.FIRING), org.assertj.core.groups.Tuple.tuple(P, Kind.RESOLVED));
        assertThat(mail.got.stream().filter(n -> n.path().equals(P)).findFirst().orElseThrow().dedupKey()).isEqualTo("prod:" + P + ":7");
        assertThat(s.store.loadAll().get("/other").outbox()).isEmpty();
        assertThat(s.store.loadAll()).doesNotContainKey(P);
    }

    @Test
    void whatItSawWhileStandingByThatNobodyStoredStartsAgainFromItsOwnStartNotified() {
        s.leader.permitted = false;
        s.wire();
        Instant start = s.clock.now();
        see(spec(P, 10), LOW);
        s.clock.advance(Duration.ofSeconds(30));
        assertThat(mail.got).as("not the sender").isEmpty();

        s.leader.set(true);
        s.clock.runDue();
        assertThat(mail.got).as("its grace period ended while standing by").hasSize(1);
        assertThat(mail.got.get(0).startedAt()).isEqualTo(start);
    }

    @Test
    void losingPermissionStopsAtOnceAndLeavesTheOutboxToTheNextSender() {
        mail.script.add(SendResult.retryable("down"));
        s.wire();
        see(spec(P, 0), LOW);
        assertThat(mail.attempts).isEqualTo(1);
        s.leader.set(false);
        s.clock.runDue();
        s.clock.advance(Duration.ofMinutes(10));
        assertThat(mail.attempts).as("no retry after losing permission").isEqualTo(1);
        assertThat(s.paths.get(P).lanes.get("mail").items).isEmpty();
        assertThat(s.store.loadAll().get(P).outbox()).as("kept for the next sender").hasSize(1);
        assertThat(s.status.snapshot().alerting()).isFalse();
    }

    @Test
    void aStoredPathNoConfigWatchesIsForgottenOnceEveryPathWasRead() {
        s.store.put(AlertState.clear("/gone").withIncident(s.clock.now().minusSeconds(60)));
        boolean[] primed = {false};
        s.lookup = new PathLookup() {
            @Override
            public Observed observe(String path) {
                return null;
            }

            @Override
            public boolean primed() {
                return primed[0];
            }
        };
        s.wire();
        assertThat(s.store.loadAll()).as("not read yet: it may still be watched").containsKey("/gone");
        primed[0] = true;
        s.takeover.primed();
        assertThat(s.store.loadAll()).doesNotContainKey("/gone");
        assertThat(s.paths.get("/gone")).isNull();
        assertThat(mail.got).isEmpty();
    }

    @Test
    void anUnwatchedPathGetsWhatIsOwedForItBeforeItIsForgotten() {
        Instant start = s.clock.now().minusSeconds(60);
        s.store.put(AlertState.clear("/gone").withIncident(start).withNotified(start, "prod:/gone:1", null)
                .withOutbox(List.of(new PendingDelivery("mail", firing("/gone", start), start, 1))));
        mail.script.add(SendResult.retryable("down"));
        s.lookup = new PathLookup() {
            @Override
            public Observed observe(String path) {
                return null;
            }

            @Override
            public boolean primed() {
                return true;
            }
        };
        s.wire();
        assertThat(s.store.loadAll()).as("still owed").containsKey("/gone");
        s.clock.advance(Duration.ofSeconds(5));
        assertThat(mail.got).extracting(Notification::path).containsExactly("/gone");
        s.takeover.primed();
        assertThat(s.store.loadAll()).doesNotContainKey("/gone");
    }
}
