package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.Notification.Kind;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The incident policy alone: what is decided and when, and that each decision passes the gates exactly once. What
 * passes is captured instead of delivered.
 */
class IncidentPolicyTest {

    private static final String P = "/services/foo";
    private static final Compliance LOW = Compliance.error("Found children (1) less than minimum (2)");
    private static final Compliance UNKNOWN = Compliance.unknown("No information");

    private final ManualScheduler clock = new ManualScheduler();
    private final AlertStateStore store = AlertStateStore.inMemory();
    private final Map<String, AlerterDefinition> alerters = new HashMap<>();
    private final List<Gate.Decision> asked = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final List<Notification> notes = new ArrayList<>();
    private Gate.Hold verdict;
    private final Tracked tr = new Tracked(P);
    private final Outbox outbox;
    private final IncidentPolicy policy;
    private Compliance current = Compliance.OK;

    IncidentPolicyTest() {
        PermissionGate sending = new PermissionGate(new TestPermission(true), clock);
        sending.refresh();
        outbox = new Outbox(store, sending);
        Gate gate = (path, decision, now) -> {
            asked.add(decision);
            return verdict;
        };
        StatusView status = new StatusView("agent-1", new SilenceGate(SilenceStore.inMemory()), sending, () -> alerters);
        policy = new IncidentPolicy(clock, gate, outbox, new NotificationFactory("prod", "agent-1", "http://a:8080/status"),
                () -> alerters, status, (path, n, ids) -> {
                    notes.add(n);
                    ids.forEach(id -> sent.add(n.kind() + (n.repeat() ? " again" : "") + " " + id));
                });
        alerters.put("mail", new Recording().as("mail", "email"));
    }

    private PathSpec spec(long graceSeconds, long repeatSeconds, String... ids) {
        return new PathSpec(P, List.of(), Duration.ofSeconds(graceSeconds), Duration.ofSeconds(repeatSeconds), List.of(ids));
    }

    private void to(PathSpec s, Compliance next, String... removed) {
        policy.onTransition(tr, new Transition(s, current, next, 1, List.of(), List.of(removed), clock.now()));
        current = next;
        clock.runDue();
    }

    private void after(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void firesOnceWhenTheGracePeriodEndsWithOneDedupKeyPerIncident() {
        Instant start = clock.now();
        to(spec(10, 0, "mail"), LOW, "i-1");
        assertThat(store.loadAll().get(P).incidentStart()).as("pending, stored for the next sender").isEqualTo(start);
        after(9);
        assertThat(sent).isEmpty();
        after(1);
        assertThat(sent).containsExactly("FIRING mail");
        Notification n = notes.get(0);
        assertThat(n.dedupKey()).isEqualTo("prod:" + P + ":" + start.toEpochMilli());
        assertThat(n.childrenRemoved()).containsExactly("i-1");
        assertThat(n.statusUrl()).isEqualTo("http://a:8080/status");
        assertThat(tr.state.notified()).isTrue();
        after(3600);
        assertThat(sent).hasSize(1);
        assertThat(asked).containsExactly(Gate.Decision.FIRE);
    }

    @Test
    void backInSpecWithinTheGracePeriodDecidesNothing() {
        to(spec(10, 0, "mail"), LOW);
        after(5);
        to(spec(10, 0, "mail"), Compliance.OK);
        after(60);
        assertThat(asked).isEmpty();
        assertThat(tr.state.isClear()).isTrue();
        assertThat(store.loadAll()).isEmpty();
    }

    @Test
    void aGracePeriodEndingWhileUnknownWaitsForAKnownState() {
        to(spec(10, 0, "mail"), LOW);
        to(spec(10, 0, "mail"), UNKNOWN);
        after(60);
        assertThat(asked).isEmpty();
        to(spec(10, 0, "mail"), LOW);
        assertThat(sent).containsExactly("FIRING mail");
    }

    @Test
    void aDecisionHeldUntilATimeIsDecidedAgainThen() {
        verdict = new Gate.Hold(clock.now().plusSeconds(120));
        to(spec(0, 0, "mail"), LOW);
        assertThat(tr.silencedUntil).isEqualTo(clock.now().plusSeconds(120));
        assertThat(tr.state.notified()).isFalse();
        verdict = null;
        after(119);
        assertThat(sent).isEmpty();
        after(1);
        assertThat(sent).containsExactly("FIRING mail");
        assertThat(tr.silencedUntil).isNull();
        assertThat(asked).containsExactly(Gate.Decision.FIRE, Gate.Decision.FIRE);
    }

    @Test
    void aDecisionHeldUntilToldStaysUndecidedSoTheNextSenderFiresItFromTheOriginalStart() {
        verdict = Gate.Hold.UNTIL_TOLD;
        Instant start = clock.now();
        to(spec(0, 0, "mail"), LOW);
        after(600);
        assertThat(sent).isEmpty();
        assertThat(asked).as("asked once, then nothing until told").containsExactly(Gate.Decision.FIRE);
        AlertState stored = store.loadAll().get(P);
        assertThat(stored.notified()).isFalse();
        assertThat(stored.incidentStart()).isEqualTo(start);

        verdict = null;
        policy.reconcile(tr);
        assertThat(sent).containsExactly("FIRING mail");
        assertThat(notes.get(0).startedAt()).isEqualTo(start);
    }

    @Test
    void repeatsEveryIntervalAndResolvesWithTheIncidentsKey() {
        to(spec(0, 60, "mail"), LOW);
        after(150);
        assertThat(sent).containsExactly("FIRING mail", "FIRING again mail", "FIRING again mail");
        to(spec(0, 60, "mail"), Compliance.OK);
        assertThat(sent).last().isEqualTo("RESOLVED mail");
        assertThat(notes).extracting(Notification::dedupKey).containsOnly(notes.get(0).dedupKey());
        assertThat(asked).containsExactly(Gate.Decision.FIRE, Gate.Decision.REPEAT, Gate.Decision.REPEAT, Gate.Decision.RESOLVE);
        after(600);
        assertThat(sent).hasSize(4);
    }

    @Test
    void aRecoveryHeldByTheGateIsNotSentButTheIncidentIsOverAllTheSame() {
        to(spec(0, 0, "mail"), LOW);
        verdict = Gate.Hold.UNTIL_TOLD;
        to(spec(0, 0, "mail"), Compliance.OK);
        assertThat(sent).containsExactly("FIRING mail");
        assertThat(tr.state.incidentStart()).isNull();
        assertThat(tr.state.notified()).isFalse();
    }

    @Test
    void refreshesOnlyAlertersThatNeedItAndOnlyWhenNothingIsQueuedForThem() {
        Recording am = new Recording();
        am.refresh = Duration.ofSeconds(60);
        alerters.put("am", am.as("am", "alertmanager"));
        to(spec(0, 0, "mail", "am"), LOW);
        after(60);
        assertThat(sent).containsExactly("FIRING mail", "FIRING am", "FIRING again am");
        assertThat(asked).containsExactly(Gate.Decision.FIRE, Gate.Decision.REFRESH);

        outbox.enqueue(tr, notes.get(0), List.of("am")); // still queued: a refresh adds nothing
        after(60);
        assertThat(sent).hasSize(3);
        to(spec(0, 0, "mail", "am"), Compliance.OK);
        after(300);
        assertThat(sent).last().isEqualTo("RESOLVED am");
    }

    @Test
    void aRemovedPathResolvesWhatWentOutAndForgetsWhatWasPending() {
        to(spec(0, 0, "mail"), LOW);
        policy.removed(tr, "No longer monitored: node deleted");
        assertThat(notes).last().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Kind.RESOLVED);
            assertThat(n.message()).isEqualTo("No longer monitored: node deleted");
        });

        Tracked pending = new Tracked("/pending");
        policy.onTransition(pending, new Transition(spec(60, 0, "mail").withPath("/pending"), Compliance.OK, LOW, 0, List.of(),
                List.of(), clock.now()));
        policy.removed(pending, "gone");
        assertThat(pending.state.isClear()).isTrue();
        after(120);
        assertThat(sent).containsExactly("FIRING mail", "RESOLVED mail");
    }

    @Test
    void reconcilingAStoredAlertWithAPathSeenInSpecResolvesIt() {
        Instant start = clock.now().minusSeconds(300);
        tr.state = AlertState.clear(P).withIncident(start).withNotified(start.plusSeconds(10), "prod:" + P + ":old", null);
        tr.spec = spec(0, 0, "mail");
        tr.current = Compliance.OK;
        policy.reconcile(tr);
        assertThat(sent).containsExactly("RESOLVED mail");
        assertThat(notes.get(0).dedupKey()).isEqualTo("prod:" + P + ":old");
        assertThat(notes.get(0).startedAt()).isEqualTo(start);
    }

    @Test
    void reconcilingAPathSeenOutOfSpecWithNothingStoredStartsItsGracePeriodNow() {
        tr.spec = spec(10, 0, "mail");
        tr.current = LOW;
        policy.reconcile(tr);
        assertThat(tr.state.incidentStart()).isEqualTo(clock.now());
        after(10);
        assertThat(sent).containsExactly("FIRING mail");
    }

    @Test
    void afterCloseTimersDecideNoRefresh() {
        Recording am = new Recording();
        am.refresh = Duration.ofSeconds(60);
        alerters.put("am", am.as("am", "alertmanager"));
        to(spec(0, 0, "am"), LOW);
        policy.close();
        after(600);
        assertThat(sent).containsExactly("FIRING am");
    }
}
