package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Heartbeat;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * zkmon tells when it cannot see, against a real ZooKeeper: a stopped server makes every agent send its own
 * {@code ZkmonBlind} and, once back, its recovery, and never a path alert; a path zkmon may not read gives one
 * {@code ZkmonUnreadablePaths}; heartbeats go while the agent sees ZooKeeper and stop when it does not.
 */
class SelfAlertsIT {

    /** A server per test: these tests stop and restart it. */
    @RegisterExtension
    final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final Duration BLIND = Duration.ofSeconds(3);

    private ZkMonitor agent(String name, String yaml) throws Exception {
        CuratorFramework own = zk.newClient(Duration.ofSeconds(4));
        return zk.monitor(yaml, b -> b.curator(own).agentName(name).clusterName("it"));
    }

    @Test
    void aStoppedServerGivesEachAgentItsOwnBlindAlertThenItsRecoveryAndNoPathAlert() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("blind");
        zk.client().create().creatingParentsIfNeeded().forPath("/svc/api/a");
        String yaml = """
                settings: {blind_timeout: 3s}
                /svc/api: {children: 1, cancel_timeout: 0, alerter: {recording: blind}}
                """;
        ZkMonitor one = agent("agent-1", yaml);
        ZkMonitor two = agent("agent-2", yaml);

        long stopped = System.nanoTime();
        zk.stop();
        Notification first = alerts.await(n -> n.firing() && n.path().equals("zkmon:blind@agent-1"), BLIND.plusSeconds(10), "agent-1 blind");
        Notification second = alerts.await(n -> n.firing() && n.path().equals("zkmon:blind@agent-2"), BLIND.plusSeconds(10), "agent-2 blind");
        System.out.printf("ZooKeeper stopped: both blind alerts after %d ms (blind_timeout %s)%n",
                (System.nanoTime() - stopped) / 1_000_000, BLIND);
        assertThat(List.of(first, second)).allSatisfy(n -> {
            assertThat(n.alertName()).isEqualTo("ZkmonBlind");
            assertThat(n.selfAlert()).isTrue();
            assertThat(n.cluster()).isEqualTo("it");
            assertThat(n.message()).startsWith("Not connected to ZooKeeper since ");
        });
        assertThat(first.agent()).isEqualTo("agent-1");
        assertThat(second.agent()).isEqualTo("agent-2");
        assertThat(one.selfAlerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SelfAlert.Kind.BLIND);
            assertThat(a.firing()).isTrue();
        });

        zk.start();
        Notification back = alerts.awaitResolved("zkmon:blind@agent-1", Duration.ofSeconds(20));
        alerts.awaitResolved("zkmon:blind@agent-2", Duration.ofSeconds(20));
        assertThat(back.dedupKey()).isEqualTo(first.dedupKey());
        assertThat(back.message()).startsWith("Connected to ZooKeeper again");
        await().atMost(Duration.ofSeconds(5)).until(() -> one.selfAlerts().isEmpty() && two.selfAlerts().isEmpty());
        alerts.assertNothingWithin(Duration.ofSeconds(2));
        assertThat(alerts.notifications()).as("one firing and one recovery each, no path alert")
                .extracting(n -> n.kind() + " " + n.path())
                .containsExactlyInAnyOrder("FIRING zkmon:blind@agent-1", "FIRING zkmon:blind@agent-2",
                        "RESOLVED zkmon:blind@agent-1", "RESOLVED zkmon:blind@agent-2");
    }

    @Test
    void aPathZkmonMayNotReadGivesOneUnreadablePathsAlertAndItsRecovery() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("acl");
        String owner = "owner:secret";
        List<ACL> ownerOnly = List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest(owner))));
        zk.client().create().creatingParentsIfNeeded().forPath("/svc/open/a");
        zk.client().create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).withACL(ownerOnly).forPath("/svc/secret");
        ZkMonitor m = agent("agent-1", """
                settings: {blind_timeout: 2s, resync_interval: 2s}
                /svc/open: {children: 1, alerter: {recording: acl}}
                /svc/secret: {exists: true, alerter: {recording: acl}}
                """);

        Notification n = alerts.awaitFiring("zkmon:unreadable-paths@agent-1", Duration.ofSeconds(20));
        assertThat(n.alertName()).isEqualTo("ZkmonUnreadablePaths");
        assertThat(n.message()).startsWith("1 watched path(s) stay Unknown while connected").contains("/svc/secret (")
                .contains("NOAUTH").contains("denies zkmon's user the read").doesNotContain("/svc/open");
        assertThat(m.selfAlerts()).singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo(SelfAlert.Kind.UNREADABLE_PATHS));

        try (CuratorFramework admin = CuratorFrameworkFactory.builder().connectString(zk.connectString())
                .retryPolicy(new ExponentialBackoffRetry(100, 3)).authorization("digest", owner.getBytes(StandardCharsets.UTF_8)).build()) {
            admin.start();
            admin.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath("/svc/secret");
        }
        alerts.awaitResolved("zkmon:unreadable-paths@agent-1", Duration.ofSeconds(20));
        assertThat(alerts.notifications()).as("no path alert: the path was never known out of spec")
                .allMatch(Notification::selfAlert).hasSize(2);
    }

    /** An alerter that counts its heartbeats. */
    private static final class Beats implements Alerter {
        final List<Heartbeat> got = new CopyOnWriteArrayList<>();

        @Override
        public SendResult send(Notification n) {
            return SendResult.sent();
        }

        @Override
        public Duration heartbeatInterval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public SendResult heartbeat(Heartbeat beat) {
            got.add(beat);
            return SendResult.sent();
        }
    }

    @Test
    void heartbeatsGoWhileTheAgentSeesZooKeeperAndStopWhenItDoesNot() throws Exception {
        Beats beats = new Beats();
        zk.client().create().creatingParentsIfNeeded().forPath("/svc/api/a");
        ZkMonitor m = zk.monitor("/svc/api: {children: 1}", b -> b.curator(zk.newClient(Duration.ofSeconds(4)))
                .agentName("agent-1").clusterName("it").alerter("beats", beats));
        await().atMost(Duration.ofSeconds(10)).until(() -> beats.got.size() >= 3);
        assertThat(beats.got.get(0).agent()).isEqualTo("agent-1");
        assertThat(beats.got.get(0).cluster()).isEqualTo("it");

        zk.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !m.status().connected());
        int atLoss = beats.got.size();
        await("no beat while blind (at most one already under way when the connection went)").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5)).until(() -> beats.got.size() <= atLoss + 1);

        zk.start();
        int before = beats.got.size();
        await().atMost(Duration.ofSeconds(15)).until(() -> beats.got.size() >= before + 2);
    }
}
