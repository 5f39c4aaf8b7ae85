package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.Transition;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.Notification.Kind;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.dispatch.DeliveryRecord;
import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.dispatch.RetryPolicy;
import io.zkmon.core.dispatch.SendPermission;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The dispatcher's promises, on a clock the test drives: no sleeping, no threads. */
class DefaultDispatcherTest {

    private static final String P = "/services/foo";
    private static final Compliance LOW = Compliance.error("Found children (1) less than minimum (2)");
    private static final Compliance LOWER = Compliance.error("Found children (0) less than minimum (2)");
    private static final Compliance UNKNOWN = Compliance.unknown("No information: ZooKeeper disconnected");

    private final ManualScheduler clock = new ManualScheduler();
    private final Scripted mail = new Scripted();
    private final Scripted chat = new Scripted();
    private final Map<String, AlerterDefinition> alerters = new HashMap<>(Map.of(
            "mail", new AlerterDefinition("mail", "email", "email", mail, null),
            "chat", new AlerterDefinition("chat", "slack", "slack", chat, null)));
    private AlertStateStore store = AlertStateStore.inMemory();
    private SilenceStore silences = SilenceStore.inMemory();
    private RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 10, Duration.ofMinutes(5));
    private SendPermission permission = SendPermission.ALWAYS;
    private PathLookup lookup = PathLookup.NONE;
    private DefaultDispatcher dispatcher;
    private Compliance current = Compliance.OK;

    /** An alerter that records what it got and answers from a script (sent when the script is empty). */
    static final class Scripted implements Alerter {
        final List<Notification> got = new ArrayList<>();
        final Deque<SendResult> script = new ArrayDeque<>();
        Duration refresh = Duration.ZERO;
        int attempts;

        @Override
        public SendResult send(Notification n) {
            attempts++;
            SendResult r = script.poll();
            if (r != null) {
                return r;
            }
            got.add(n);
            return SendResult.sent();
        }

        @Override
        public Duration refreshInterval() {
            return refresh;
        }

        List<Kind> kinds() {
            return got.stream().map(Notification::kind).toList();
        }
    }

    private PathSpec spec(Duration grace, Duration repeat, String... alerterIds) {
        return new PathSpec(P, List.of(), grace, repeat, List.of(alerterIds));
    }

    private DefaultDispatcher dispatcher() {
        if (dispatcher == null) {
            dispatcher = DefaultDispatcher.builder().scheduler(clock).alerters(alerters).stateStore(store).silences(silences)
                    .retry(retry).permission(permission).lookup(lookup).cluster("prod").agent("agent-1")
                    .deliveryExecutor(Runnable::run).build();
            dispatcher.start();
            clock.runDue();
        }
        return dispatcher;
    }

    private void to(PathSpec spec, Compliance next, String... removed) {
        dispatcher().accept(new Transition(spec, current, next, 1, List.of(), List.of(removed), clock.now()));
        current = next;
        clock.runDue();
    }

    private void after(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void alertsOnceAfterTheGracePeriodAndNotAgainWhileStillOutOfSpec() {
        PathSpec s = spec(Duration.ofSeconds(10), Duration.ZERO, "mail");
        Instant start = clock.now();
        to(s, LOW, "i-1");
        after(9);
        assertThat(mail.got).isEmpty();
        after(1);
        assertThat(mail.got).hasSize(1);
        Notification n = mail.got.get(0);
        assertThat(n.kind()).isEqualTo(Kind.FIRING);
        assertThat(n.startedAt()).isEqualTo(start);
        assertThat(n.message()).isEqualTo(LOW.message());
        assertThat(n.childrenRemoved()).containsExactly("i-1");
        assertThat(n.dedupKey()).isEqualTo("prod:" + P + ":" + start.toEpochMilli());
        assertThat(n.agent()).isEqualTo("agent-1");

        to(s, LOWER, "i-2");
        after(600);
        assertThat(mail.got).hasSize(1);
    }

    @Test
    void aFlapInsideTheGracePeriodSendsNothing() {
        PathSpec s = spec(Duration.ofSeconds(10), Duration.ZERO, "mail");
        to(s, LOW);
        after(5);
        to(s, Compliance.OK);
        after(60);
        assertThat(mail.got).isEmpty();
        assertThat(dispatcher().status().paths().get(P).pendingSince()).isNull();
    }

    @Test
    void everyNewDipRestartsTheGracePeriod() {
        PathSpec s = spec(Duration.ofSeconds(10), Duration.ZERO, "mail");
        to(s, LOW);
        after(5);
        to(s, Compliance.OK);
        after(1);
        Instant secondDip = clock.now();
        to(s, LOW);
        after(9);
        assertThat(mail.got).as("the first dip's timer must not fire").isEmpty();
        after(1);
        assertThat(mail.got).hasSize(1);
        assertThat(mail.got.get(0).startedAt()).isEqualTo(secondDip);
    }

    @Test
    void sendsOneRecoveryOnlyAfterAnAlertWentOut() {
        PathSpec s = spec(Duration.ZERO, Duration.ZERO, "mail", "chat");
        to(s, LOW);
        to(s, Compliance.OK);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING, Kind.RESOLVED);
        assertThat(chat.kinds()).containsExactly(Kind.FIRING, Kind.RESOLVED);
        assertThat(mail.got.get(1).dedupKey()).isEqualTo(mail.got.get(0).dedupKey());
        assertThat(mail.got.get(1).state()).isEqualTo(State.OK);
        assertThat(mail.got.get(1).endedAt()).isNotNull();
    }

    @Test
    void repeatsWhileOutOfSpecWhenARepeatIntervalIsSet() {
        PathSpec s = spec(Duration.ZERO, Duration.ofSeconds(60), "mail");
        to(s, LOW);
        after(150);
        assertThat(mail.got).extracting(Notification::repeat).containsExactly(false, true, true);
        to(s, Compliance.OK);
        after(300);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING, Kind.FIRING, Kind.FIRING, Kind.RESOLVED);
    }

    @Test
    void unknownNeverAlertsAndReturningToTheNotifiedStateSendsNothing() {
        PathSpec s = spec(Duration.ZERO, Duration.ZERO, "mail");
        to(s, UNKNOWN);
        after(60);
        assertThat(mail.got).isEmpty();

        to(s, LOW);
        to(s, UNKNOWN);
        to(s, LOW);
        after(60);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
    }

    @Test
    void aGracePeriodEndingWhileUnknownWaitsForAKnownState() {
        PathSpec s = spec(Duration.ofSeconds(10), Duration.ZERO, "mail");
        to(s, LOW);
        after(5);
        to(s, UNKNOWN);
        after(60);
        assertThat(mail.got).isEmpty();
        to(s, Compliance.OK);
        after(60);
        assertThat(mail.got).as("it recovered while we could not see it: nothing to say").isEmpty();

        to(s, LOW);
        after(5);
        to(s, UNKNOWN);
        after(60);
        to(s, LOW);
        assertThat(mail.kinds()).as("still out of spec, and for longer than the grace period").containsExactly(Kind.FIRING);
    }

    @Test
    void aSilencedPathAlertsWhenTheSilenceEndsIfStillOutOfSpec() {
        PathSpec s = spec(Duration.ZERO, Duration.ZERO, "mail");
        silences.add(new Silence("s1", "/services/*", clock.now().plusSeconds(120), "deploy", "ops", clock.now()));
        to(s, LOW);
        after(119);
        assertThat(mail.got).isEmpty();
        assertThat(dispatcher().status().paths().get(P).silencedUntil()).isNotNull();
        after(1);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
    }

    @Test
    void removingASilenceAlertsAtOnce() {
        PathSpec s = spec(Duration.ZERO, Duration.ZERO, "mail");
        silences.add(new Silence("s1", P, clock.now().plusSeconds(3600), "", "", clock.now()));
        to(s, LOW);
        silences.remove("s1");
        clock.runDue();
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
    }

    @Test
    void retriesWithExponentialBackoffUntilDelivered() {
        mail.script.addAll(List.of(SendResult.retryable("connection refused"), SendResult.retryable("connection refused"),
                SendResult.retryable("connection refused")));
        PathSpec s = spec(Duration.ZERO, Duration.ZERO, "mail");
        to(s, LOW);
        assertThat(mail.attempts).isEqualTo(1);
        after(1);
        assertThat(mail.attempts).isEqualTo(2);
        after(1);
        assertThat(mail.attempts).as("second retry waits 2 s").isEqualTo(2);
        after(1);
        assertThat(mail.attempts).isEqualTo(3);
        after(4);
        assertThat(mail.attempts).isEqualTo(4);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
        Map<DeliveryOutcome, Long> counts = dispatcher().status().counters().get("email");
        assertThat(counts).containsEntry(DeliveryOutcome.RETRY, 3L).containsEntry(DeliveryOutcome.SENT, 1L);
        assertThat(dispatcher().status().paths().get(P).recent()).last()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(DeliveryOutcome.SENT));
    }

    @Test
    void givesUpAtOnceOnAPermanentFailureAndSaysSo() {
        mail.script.add(SendResult.permanent("550 no such user"));
        to(spec(Duration.ZERO, Duration.ZERO, "mail"), LOW);
        after(600);
        assertThat(mail.attempts).isEqualTo(1);
        DeliveryRecord last = dispatcher().status().paths().get(P).recent().get(0);
        assertThat(last.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(last.detail()).isEqualTo("550 no such user");
        assertThat(store.loadAll().get(P).outbox()).isEmpty();
    }

    @Test
    void givesUpWhenTheRetryWindowRunsOutAndCountsIt() {
        retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 100, Duration.ofSeconds(20));
        for (int i = 0; i < 100; i++) {
            mail.script.add(SendResult.retryable("503"));
        }
        to(spec(Duration.ZERO, Duration.ZERO, "mail"), LOW);
        after(120);
        assertThat(mail.attempts).isBetween(5, 9);
        assertThat(dispatcher().status().counters().get("email")).containsEntry(DeliveryOutcome.GAVE_UP, 1L);
        assertThat(dispatcher().status().paths().get(P).recent()).last()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(DeliveryOutcome.GAVE_UP));
    }

    @Test
    void aRecoveryNeverOvertakesItsFiring() {
        mail.script.addAll(List.of(SendResult.retryable("down"), SendResult.retryable("down")));
        PathSpec s = spec(Duration.ZERO, Duration.ZERO, "mail", "chat");
        to(s, LOW);
        to(s, Compliance.OK);
        assertThat(chat.kinds()).containsExactly(Kind.FIRING, Kind.RESOLVED);
        assertThat(mail.got).as("mail is still retrying its firing").isEmpty();
        after(10);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING, Kind.RESOLVED);
    }

    @Test
    void aPathWithoutAlertersIsTrackedButNeverAlerts() {
        PathSpec s = spec(Duration.ZERO, Duration.ZERO);
        to(s, LOW);
        after(60);
        to(s, Compliance.OK);
        assertThat(mail.got).isEmpty();
        assertThat(chat.got).isEmpty();
    }

    @Test
    void sendsNothingWithoutPermissionAndCatchesUpWhenGivenIt() {
        AtomicBoolean leader = new AtomicBoolean(false);
        List<Runnable> listeners = new ArrayList<>();
        permission = new SendPermission() {
            @Override
            public boolean isPermitted() {
                return leader.get();
            }

            @Override
            public void addListener(Runnable r) {
                listeners.add(r);
            }
        };
        PathSpec s = spec(Duration.ofSeconds(10), Duration.ZERO, "mail");
        to(s, LOW);
        after(30);
        assertThat(mail.got).isEmpty();
        assertThat(dispatcher().status().alerting()).isFalse();

        leader.set(true);
        listeners.forEach(Runnable::run);
        clock.runDue();
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
        assertThat(dispatcher().status().alerting()).isTrue();
    }

    @Test
    void aNewLeaderResolvesWhatTheOldOneSentAndDeliversItsOutbox() {
        Instant start = clock.now().minusSeconds(120);
        Notification pending = new Notification(Kind.FIRING, "/other", State.ERROR, State.OK, "gone", 0, List.of(), List.of(), "prod",
                "old-leader", start, start.plusSeconds(1), "prod:/other:1", false, null);
        store.put(new AlertState(P, start, true, start.plusSeconds(1), "prod:" + P + ":" + start.toEpochMilli(), null, List.of()));
        store.put(new AlertState("/other", start, true, start.plusSeconds(1), "prod:/other:1", null,
                List.of(new PendingDelivery("mail", pending, start.plusSeconds(1), 3))));
        PathSpec s = spec(Duration.ZERO, Duration.ZERO, "mail");
        lookup = path -> path.equals(P) ? new PathLookup.Observed(s, Compliance.OK, 2) : null;

        dispatcher();
        clock.runDue();

        assertThat(mail.got).extracting(Notification::path, Notification::kind)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(P, Kind.RESOLVED),
                        org.assertj.core.groups.Tuple.tuple("/other", Kind.FIRING));
        Notification resolved = mail.got.stream().filter(n -> n.path().equals(P)).findFirst().orElseThrow();
        assertThat(resolved.dedupKey()).as("the old leader's incident").isEqualTo("prod:" + P + ":" + start.toEpochMilli());
    }

    @Test
    void aNewLeaderFiresAPendingAlertWhenTheOriginalGracePeriodEnds() {
        Instant start = clock.now().minusSeconds(5);
        store.put(new AlertState(P, start, false, null, null, null, List.of()));
        PathSpec s = spec(Duration.ofSeconds(10), Duration.ZERO, "mail");
        lookup = path -> new PathLookup.Observed(s, LOW, 1);
        dispatcher();
        after(4);
        assertThat(mail.got).isEmpty();
        after(1);
        assertThat(mail.got).hasSize(1);
        assertThat(mail.got.get(0).startedAt()).isEqualTo(start);
    }

    @Test
    void aRemovedPathResolvesItsAlert() {
        PathSpec s = spec(Duration.ZERO, Duration.ZERO, "mail");
        to(s, LOW);
        dispatcher().pathRemoved(P, "No longer monitored: node deleted");
        clock.runDue();
        assertThat(mail.kinds()).containsExactly(Kind.FIRING, Kind.RESOLVED);
        assertThat(mail.got.get(1).message()).isEqualTo("No longer monitored: node deleted");
    }

    @Test
    void refreshesAlertersThatForgetUnrefreshedAlerts() {
        chat.refresh = Duration.ofSeconds(60);
        PathSpec s = spec(Duration.ZERO, Duration.ZERO, "mail", "chat");
        to(s, LOW);
        after(130);
        assertThat(chat.got).extracting(Notification::repeat).containsExactly(false, true, true);
        assertThat(mail.got).hasSize(1);
        to(s, Compliance.OK);
        after(300);
        assertThat(chat.kinds()).containsExactly(Kind.FIRING, Kind.FIRING, Kind.FIRING, Kind.RESOLVED);
    }

    @Test
    void storesTheOutboxUntilDeliveredSoAnotherAgentCanContinue() {
        mail.script.add(SendResult.retryable("down"));
        to(spec(Duration.ZERO, Duration.ZERO, "mail"), LOW);
        AlertState stored = store.loadAll().get(P);
        assertThat(stored.notified()).isTrue();
        assertThat(stored.outbox()).hasSize(1);
        assertThat(stored.outbox().get(0).notification().kind()).isEqualTo(Kind.FIRING);
        after(2);
        assertThat(store.loadAll().get(P).outbox()).isEmpty();
    }

    @Test
    void asksForPermissionBeforeEverySendEvenWhenNobodyToldItThatItChanged() {
        AtomicBoolean leader = new AtomicBoolean(true);
        permission = new SendPermission() {
            @Override
            public boolean isPermitted() {
                return leader.get();
            }

            @Override
            public void addListener(Runnable r) {
                // deliberately never called: the dispatcher must not rely on being told
            }
        };
        PathSpec s = spec(Duration.ofSeconds(10), Duration.ZERO, "mail");
        to(s, LOW);
        leader.set(false);
        after(30);
        assertThat(mail.attempts).isZero();
        AlertState stored = store.loadAll().get(P);
        assertThat(stored.notified()).as("nothing decided without permission").isFalse();
        assertThat(stored.incidentStart()).as("the next sender fires it from the original start").isNotNull();
    }

    @Test
    void forgetsSharedStateOfAPathNoLongerWatched() {
        store.put(new AlertState("/gone", clock.now().minusSeconds(60), false, null, null, null, List.of()));
        lookup = new PathLookup() {
            @Override
            public PathLookup.Observed observe(String path) {
                return null;
            }

            @Override
            public boolean primed() {
                return true;
            }
        };
        dispatcher();
        clock.runDue();
        assertThat(store.loadAll()).doesNotContainKey("/gone");
        assertThat(mail.got).isEmpty();
    }
}
