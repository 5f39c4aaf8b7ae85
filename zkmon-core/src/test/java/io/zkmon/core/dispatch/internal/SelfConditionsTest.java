package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.Notification.Kind;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.dispatch.RetryPolicy;
import io.zkmon.core.dispatch.SelfCondition;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Conditions of zkmon itself travel the path pipeline (grace period, one firing, one recovery, retries) under their own
 * rules: sent without leadership, the no-sender one only from the next in line, never silenced, never in the shared
 * state, never loaded or resolved by a takeover.
 */
class SelfConditionsTest {

    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final String BLIND = SelfCondition.key("blind", "agent-1");

    private final ManualScheduler clock = new ManualScheduler();
    private final TestPermission leader = new TestPermission(false);
    private final Recording mail = new Recording();
    private final Map<String, AlerterDefinition> alerters = Map.of("mail", mail.as("mail", "email"));
    private final Map<String, AlertState> shared = new ConcurrentHashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final SilenceStore silences = SilenceStore.inMemory();
    private DefaultDispatcher dispatcher;

    private final AlertStateStore store = new AlertStateStore() {
        @Override
        public Map<String, AlertState> loadAll() {
            return Map.copyOf(shared);
        }

        @Override
        public void put(AlertState state) {
            writes.add(state.path());
            shared.put(state.path(), state);
        }

        @Override
        public void remove(String path) {
            writes.add(path);
            shared.remove(path);
        }
    };

    private DefaultDispatcher dispatcher() {
        if (dispatcher == null) {
            dispatcher = DefaultDispatcher.builder().scheduler(clock).alerters(alerters).stateStore(store).silences(silences)
                    .retry(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 10, Duration.ofMinutes(5)))
                    .permission(leader).cluster("prod").agent("agent-1").deliveryExecutor(Runnable::run).build();
            dispatcher.start();
            clock.runDue();
        }
        return dispatcher;
    }

    private void condition(String key, boolean holds, String message, Instant since, boolean mayFire) {
        dispatcher().selfCondition(new SelfCondition(key, "ZkmonBlind", holds, message, since, mayFire, GRACE, List.of("mail"),
                Severity.CRITICAL));
        clock.runDue();
    }

    private void after(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void aBlindAgentSendsOneAlertAfterTheGracePeriodWithoutLeadershipAndOneRecovery() {
        Instant since = clock.now();
        condition(BLIND, true, "Not connected to ZooKeeper", since, true);
        after(59);
        assertThat(mail.got).as("within the grace period").isEmpty();
        after(1);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
        Notification n = mail.got.get(0);
        assertThat(n.path()).isEqualTo("zkmon:blind@agent-1");
        assertThat(n.selfAlert()).isTrue();
        assertThat(n.alertName()).isEqualTo("ZkmonBlind");
        assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(n.summary()).isEqualTo("ZkmonBlind: zkmon agent agent-1 in cluster prod");
        assertThat(n.startedAt()).isEqualTo(since);
        assertThat(n.message()).isEqualTo("Not connected to ZooKeeper");

        after(600);
        assertThat(mail.got).as("one firing, however long it lasts").hasSize(1);

        condition(BLIND, false, "Connected again", clock.now(), true);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING, Kind.RESOLVED);
        Notification r = mail.got.get(1);
        assertThat(r.dedupKey()).isEqualTo(n.dedupKey());
        assertThat(r.state()).isEqualTo(State.OK);
        assertThat(r.summary()).isEqualTo("ZkmonBlind resolved: zkmon agent agent-1 in cluster prod");
        assertThat(writes).as("never in the shared state").isEmpty();
    }

    @Test
    void aConditionThatClearsWithinTheGracePeriodSendsNothing() {
        condition(BLIND, true, "Not connected", clock.now(), true);
        after(30);
        condition(BLIND, false, "Connected again", clock.now(), true);
        after(120);
        assertThat(mail.got).isEmpty();
    }

    @Test
    void aConditionClearedThatNeverHeldIsNotTracked() {
        condition(BLIND, false, "Connected", clock.now(), true);
        assertThat(dispatcher().status().paths()).isEmpty();
    }

    @Test
    void noSenderFiresOnlyFromTheNextInLineAndItsRecoveryAlwaysGoesOut() {
        String key = SelfCondition.key("no-sender", "agent-1");
        Instant since = clock.now();
        condition(key, true, "No agent holds alerting", since, false);
        after(120);
        assertThat(mail.got).as("not next in line").isEmpty();

        condition(key, true, "No agent holds alerting", since, true);
        assertThat(mail.kinds()).as("next in line now, the grace period long over").containsExactly(Kind.FIRING);

        condition(key, true, "No agent holds alerting", since, false);
        condition(key, false, "Agent agent-2 sends alerts again", clock.now(), false);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING, Kind.RESOLVED);
    }

    @Test
    void aFailedSendIsRetriedWhileStandingBy() {
        mail.script.add(SendResult.retryable("connection refused"));
        condition(BLIND, true, "Not connected", clock.now(), true);
        after(60);
        assertThat(mail.attempts).isEqualTo(1);
        assertThat(mail.got).isEmpty();
        after(1);
        assertThat(mail.attempts).isEqualTo(2);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
    }

    @Test
    void silencesOfPathsNeverHoldIt() {
        silences.add(new Silence("all", "/**", clock.now().plus(Duration.ofDays(1)), "maintenance", "ops", clock.now()));
        condition(BLIND, true, "Not connected", clock.now(), true);
        after(60);
        assertThat(mail.kinds()).containsExactly(Kind.FIRING);
    }

    @Test
    void aTakeoverNeitherLoadsAnotherAgentsConditionNorStopsThisAgentsOwn() {
        // another agent's condition found in the shared state (never written there by zkmon: forged, or a bug)
        Notification theirs = new Notification(Kind.FIRING, "zkmon:blind@agent-2", State.ERROR, State.OK, "Not connected", 0,
                List.of(), List.of(), "prod", "agent-2", clock.now(), clock.now(), "k", false, null);
        shared.put("zkmon:blind@agent-2", new AlertState("zkmon:blind@agent-2", clock.now(), true, clock.now(), "k", null,
                List.of(new PendingDelivery("mail", theirs, null, 0))));
        mail.script.add(SendResult.retryable("timeout"));
        condition(BLIND, true, "Not connected", clock.now(), true);
        after(60);
        assertThat(mail.attempts).as("first attempt failed").isEqualTo(1);

        leader.set(true); // this agent starts sending: a takeover
        clock.runDue();
        leader.set(false); // and stops again while its own retry waits
        clock.runDue();
        after(1);
        assertThat(mail.got).as("its own retry went on; the other agent's outbox was not delivered")
                .extracting(Notification::path).containsExactly(BLIND);
        assertThat(writes).as("nothing of a condition written").noneMatch(SelfCondition::isKey);

        condition(BLIND, false, "Connected again", clock.now(), true);
        assertThat(mail.got).extracting(Notification::path).containsExactly(BLIND, BLIND);
    }
}
