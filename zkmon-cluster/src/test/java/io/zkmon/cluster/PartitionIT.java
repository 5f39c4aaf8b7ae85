package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.State;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.testkit.ServiceInstance;
import io.zkmon.testkit.ZooKeeperExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender is cut off while its process lives on: it stops sending before another agent can lead (no split brain),
 * the new leader sends, and when the old one is back it neither repeats what the new one sent nor, once it leads
 * again, forgets to send the recovery.
 */
class PartitionIT {

    @RegisterExtension
    final ZooKeeperExtension zk = ZooKeeperExtension.server();

    private static final Duration SESSION = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONFIG = "/svc/p: {children: 1, cancel_timeout: 0s, alerter: {recording: partition}}\n";

    @Test
    void aSenderCutOffByThePartitionStopsBeforeAnotherLeadsAndLaterRepeatsNothing() throws Exception {
        partition(true);
    }

    @Test
    void aSenderWhoseSessionExpiresWhileItLivesStopsAndLaterRepeatsNothing() throws Exception {
        partition(false);
    }

    private void partition(boolean blackhole) throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("partition");
        zk.client();
        ServiceInstance instance = zk.register("/svc/p", "1");
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().session(SESSION).viaProxy().monitor(CONFIG));
        await().atMost(WAIT).until(a::leads);
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options().session(SESSION).monitor(CONFIG));
        await().atMost(WAIT).until(() -> b.cluster.clusterView().agents().size() == 2);

        long cutOff = System.nanoTime();
        if (blackhole) {
            a.proxy.blackhole(); // nothing arrives, nothing is closed: a only learns of it by hearing nothing
        } else {
            zk.expireSession(a.client);
        }
        instance.crash();

        await().atMost(SESSION.plus(Duration.ofSeconds(10))).until(b::leads);
        TestAgent.Change aStopped = a.firstChange(false, cutOff);
        TestAgent.Change bStarted = b.firstChange(true, cutOff);
        System.out.printf("%s: old sender stopped after %d ms, new sender started after %d ms (session timeout %d ms)%n",
                blackhole ? "partition (blackhole)" : "session expired while alive", (aStopped.nanos() - cutOff) / 1_000_000,
                (bStarted.nanos() - cutOff) / 1_000_000, SESSION.toMillis());
        if (blackhole) {
            // The server expires a silent session only a session timeout after it last heard from it; the agent stops
            // sooner (disconnection after 2/3 of it, or its lease), so two senders never overlap.
            assertThat(aStopped.nanos() - cutOff).as("stops before its session could have expired").isLessThan(SESSION.toNanos());
            assertThat(aStopped.nanos()).as("the old sender stops before the new one starts").isLessThan(bStarted.nanos());
        } else {
            // Expired from outside at once: the agent learns it when the server drops its connection, at the same moment.
            assertThat(aStopped.nanos() - cutOff).as("stops as soon as it learns").isLessThan(Duration.ofSeconds(3).toNanos());
        }

        Notification firing = alerts.awaitFiring("/svc/p", WAIT);
        assertThat(firing.agent()).isEqualTo("b");

        // a comes back: a new session, registered again, a candidate behind b, watching again
        if (blackhole) {
            a.proxy.heal();
        }
        await().atMost(WAIT).until(() -> a.cluster.clusterView().agents().size() == 2 && a.monitor.status().primed()
                && a.monitor.status("/svc/p").state() == State.ERROR);
        alerts.assertNothingWithin(Duration.ofSeconds(2));
        assertThat(a.leads()).isFalse();

        // b goes away; a leads again with b's state: it does not re-send b's alert, and it does send the recovery
        long handBack = System.nanoTime();
        b.stop();
        await().atMost(WAIT).until(a::leads);
        System.out.printf("handed back to the old sender after %d ms%n", (a.firstChange(true, handBack).nanos() - handBack) / 1_000_000);
        alerts.assertNothingWithin(Duration.ofSeconds(2));
        zk.register("/svc/p", "2");
        Notification resolved = alerts.awaitResolved("/svc/p", WAIT);
        assertThat(resolved.agent()).isEqualTo("a");
        assertThat(resolved.dedupKey()).isEqualTo(firing.dedupKey());
        alerts.assertNothingWithin(Duration.ofSeconds(2));
        assertThat(alerts.notifications()).containsExactly(firing, resolved);
    }
}
