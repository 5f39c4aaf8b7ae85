package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.testkit.ServiceInstance;
import io.zkmon.testkit.ZooKeeperExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender dies; another agent takes over within the session timeout and continues from the shared state: a
 * pending alert fires once when its original grace period ends, a recovery for an alert the dead sender sent is still
 * sent, and nothing is sent twice.
 */
class FailoverIT {

    @RegisterExtension
    final ZooKeeperExtension zk = ZooKeeperExtension.server();

    static final Duration SESSION = Duration.ofSeconds(5);
    static final Duration GRACE = Duration.ofSeconds(12);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONFIG = """
            /svc/pending: {children: 1, cancel_timeout: 12s, alerter: {recording: failover}}
            /svc/sent: {children: 1, cancel_timeout: 0s, alerter: {recording: failover}}
            """;

    @Test
    void aKilledSendersWorkIsFinishedByAnotherAgentWithinTheSessionTimeoutWithNothingLostOrRepeated() throws Exception {
        takeOver(true);
    }

    @Test
    void aSenderWhoseSessionIsExpiredAtOnceIsReplacedAtOnceWithNothingLostOrRepeated() throws Exception {
        takeOver(false);
    }

    private void takeOver(boolean killNineStyle) throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("failover");
        zk.client(); // connected before timing matters
        ServiceInstance pending = zk.register("/svc/pending", "1");
        ServiceInstance sent = zk.register("/svc/sent", "1");
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().session(SESSION).viaProxy().monitor(CONFIG));
        await().atMost(WAIT).until(a::leads);
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options().session(SESSION).monitor(CONFIG));
        await().atMost(WAIT).until(() -> b.cluster.clusterView().agents().size() == 2);

        // a sends an alert and records that it did
        sent.crash();
        Notification firing = alerts.awaitFiring("/svc/sent", WAIT);
        assertThat(firing.agent()).isEqualTo("a");
        await().atMost(WAIT).until(() -> {
            AlertState s = StoredState.read(zk, "/svc/sent");
            return s != null && s.notified() && s.outbox().isEmpty();
        });
        // another path goes out of spec; a stores when, and waits for its grace period
        pending.crash();
        await().atMost(WAIT).until(() -> StoredState.read(zk, "/svc/pending") != null);
        Instant outOfSpecSince = StoredState.read(zk, "/svc/pending").incidentStart();

        long killed = System.nanoTime();
        if (killNineStyle) {
            a.kill();
        } else {
            zk.expireSession(a.client);
            a.drop();
        }
        // during the handover the alerted path recovers
        zk.register("/svc/sent", "2");

        await().atMost(SESSION.plus(Duration.ofSeconds(10))).until(b::leads);
        TestAgent.Change takeover = b.firstChange(true, killed);
        long millis = (takeover.nanos() - killed) / 1_000_000;
        System.out.printf("takeover after %s: %d ms (session timeout %d ms)%n", killNineStyle ? "kill -9 (connection cut)"
                : "immediate session expiry", millis, SESSION.toMillis());
        assertThat(millis).isLessThanOrEqualTo(SESSION.plusSeconds(2).toMillis());

        Notification resolved = alerts.awaitResolved("/svc/sent", WAIT);
        assertThat(resolved.agent()).isEqualTo("b");
        assertThat(resolved.dedupKey()).isEqualTo(firing.dedupKey());

        Notification late = alerts.awaitFiring("/svc/pending", WAIT.plus(GRACE));
        assertThat(late.agent()).isEqualTo("b");
        assertThat(late.startedAt()).as("counted from the original out-of-spec time").isEqualTo(outOfSpecSince);
        assertThat(late.at()).isAfterOrEqualTo(outOfSpecSince.plus(GRACE))
                .as("not a fresh grace period from the takeover").isBefore(takeover.at().plus(GRACE));

        alerts.assertNothingWithin(Duration.ofSeconds(2));
        assertThat(alerts.notifications("/svc/sent")).containsExactly(firing, resolved);
        assertThat(alerts.notifications("/svc/pending")).containsExactly(late);
    }

    @Test
    void aCrashBetweenASendAndItsStateWriteGivesADuplicateWithTheSameKeyNeverALoss() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("window");
        alerts.delay(Duration.ofSeconds(4));
        zk.client(); // connected before timing matters
        ServiceInstance instance = zk.register("/svc/x", "1");
        String config = "/svc/x: {children: 1, cancel_timeout: 0s, alerter: {recording: window}}\n";
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().session(SESSION).viaProxy().monitor(config));
        await().atMost(WAIT).until(a::leads);
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options().session(SESSION).monitor(config));
        await().atMost(WAIT).until(() -> b.cluster.clusterView().agents().size() == 2);

        instance.crash();
        // a decided to alert and stored that in its outbox; the (slow) send is under way
        await().atMost(WAIT).until(() -> {
            AlertState s = StoredState.read(zk, "/svc/x");
            return s != null && s.notified() && !s.outbox().isEmpty();
        });
        // a loses ZooKeeper now: the send still completes, but its "delivered" can no longer be stored
        a.proxy.cut();
        Notification first = alerts.awaitFiring("/svc/x", WAIT);
        assertThat(StoredState.read(zk, "/svc/x").outbox()).as("sent, but not stored as delivered").isNotEmpty();
        a.drop();

        // b finds the notification still in the outbox and sends it again: a duplicate, with the same dedup key
        alerts.awaitCount(2, WAIT.plus(SESSION));
        List<Notification> both = alerts.notifications("/svc/x");
        assertThat(both).hasSize(2).allSatisfy(n -> {
            assertThat(n.firing()).isTrue();
            assertThat(n.dedupKey()).isEqualTo(first.dedupKey());
        });
        zk.register("/svc/x", "2");
        Notification resolved = alerts.awaitResolved("/svc/x", WAIT);
        assertThat(resolved.dedupKey()).isEqualTo(first.dedupKey());
        alerts.assertNothingWithin(Duration.ofSeconds(3));
        assertThat(alerts.notifications("/svc/x")).hasSize(3);
    }
}
