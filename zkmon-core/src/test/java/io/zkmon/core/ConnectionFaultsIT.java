package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.ServiceInstance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our own trouble with ZooKeeper never raises a path alert: while disconnected every path is Unknown, and after
 * reconnecting (same session or a new one) every path is read again and is right, changes made meanwhile included.
 */
class ConnectionFaultsIT {

    /** A server per test: these tests stop and restart it. */
    @RegisterExtension
    final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CONFIG = """
            /svc/a: {children: 2, alerter: {recording: faults}}
            /svc/b: {children: 1, alerter: {recording: faults}}
            """;

    @Test
    void sessionExpiryGivesUnknownThenTheRightStatesWithoutAFalseAlert() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("faults");
        zk.register("/svc/a", "1");
        zk.register("/svc/a", "2");
        zk.register("/svc/b", "1");
        CuratorFramework own = zk.newClient(Duration.ofSeconds(10));
        List<State> seen = new CopyOnWriteArrayList<>();
        ZkMonitor m = zk.monitor(CONFIG, b -> b.curator(own).listener(new MonitorListener() {
            @Override
            public void onTransition(Transition t) {
                if (t.path().equals("/svc/a")) {
                    seen.add(t.state());
                }
            }
        }));

        long expired = System.nanoTime();
        zk.expireSession(own);
        await().atMost(WAIT).until(() -> seen.contains(State.UNKNOWN));
        await().atMost(Duration.ofSeconds(5)).until(() -> m.status().primed()
                && m.status().paths().stream().allMatch(p -> p.state() == State.OK));
        System.out.printf("session expired: every state right again after %d ms%n", (System.nanoTime() - expired) / 1_000_000);
        assertThat(seen).containsExactly(State.OK, State.UNKNOWN, State.OK);
        alerts.assertNothingWithin(Duration.ofSeconds(2));
    }

    @Test
    void aServerRestartGivesUnknownThenTheRightStatesWithoutAFalseAlert() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("faults");
        zk.register("/svc/a", "1");
        zk.register("/svc/a", "2");
        zk.register("/svc/b", "1");
        ZkMonitor m = zk.monitor(CONFIG);

        zk.stop();
        await().atMost(WAIT).until(() -> !m.status().connected());
        assertThat(m.status().paths()).allSatisfy(p -> {
            assertThat(p.state()).isEqualTo(State.UNKNOWN);
            assertThat(p.message()).startsWith("No information: ZooKeeper disconnected since ");
        });
        zk.start();
        long restarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> m.status().connected() && m.status().primed());
        System.out.printf("server restarted: every state right again after %d ms%n", (System.nanoTime() - restarted) / 1_000_000);
        assertThat(m.status().paths()).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.OK));
        alerts.assertNothingWithin(Duration.ofSeconds(2));
    }

    @Test
    void aChangeMadeWhileTheMonitorWasDisconnectedIsSeenAfterwards() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("faults");
        ServiceInstance a1 = zk.register("/svc/a", "1");
        zk.register("/svc/a", "2");
        zk.register("/svc/b", "1");
        CuratorFramework own = zk.newClient(Duration.ofSeconds(10));
        ZkMonitor m = zk.monitor(CONFIG, b -> b.curator(own));

        // the monitor's session dies and, before it is back, an instance goes away
        zk.expireSession(own);
        a1.deregister();

        alerts.awaitFiring("/svc/a", WAIT);
        assertThat(m.status("/svc/a").state()).isEqualTo(State.ERROR);
        assertThat(m.status("/svc/a").children()).containsExactly("2");
        assertThat(alerts.notifications()).hasSize(1);
    }

    @Test
    void aPartitionOfTheMonitorAloneIsUnknownAndAChangeMadeMeanwhileIsSeenWithinSecondsOfHealing() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("faults");
        ServiceInstance a1 = zk.register("/svc/a", "1");
        zk.register("/svc/a", "2");
        zk.register("/svc/b", "1");
        try (io.zkmon.testkit.TcpProxy proxy = io.zkmon.testkit.TcpProxy.to(zk.connectString())) {
            ZkMonitor m = zk.closeAfterTest(ZkMonitor.builder().connectString(proxy.connectString())
                    .sessionTimeout(Duration.ofSeconds(20)).configYaml(CONFIG).build().start());
            assertThat(m.awaitPrimed(WAIT)).isTrue();

            proxy.cut();
            await().atMost(WAIT).until(() -> !m.status().connected());
            assertThat(m.status().paths()).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.UNKNOWN));
            a1.crash();
            alerts.assertNothingWithin(Duration.ofSeconds(1));

            proxy.heal();
            long healed = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> m.status().primed() && m.status("/svc/a").state() == State.ERROR);
            System.out.printf("partition healed: correct state after %d ms%n", (System.nanoTime() - healed) / 1_000_000);
            assertThat(m.status("/svc/b").state()).isEqualTo(State.OK);
            alerts.awaitFiring("/svc/a", WAIT);
            assertThat(alerts.notifications()).hasSize(1);
        }
    }
}
