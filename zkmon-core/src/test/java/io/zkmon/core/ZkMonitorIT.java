package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.State;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.ServiceInstance;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine and dispatcher against a real ZooKeeper: what users see when instances come and go. */
class ZkMonitorIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static Map<String, String> states(ZkMonitor m) {
        return m.status().paths().stream().collect(Collectors.toMap(PathStatus::path, s -> s.state().display() + ": " + s.message()));
    }

    @Test
    void readsTheSeedExampleAndReportsItsMessages() throws Exception {
        zk.register("/seed/foo/min_1", "a");
        zk.ensure("/seed/foo/min_0");
        zk.register("/seed/foo/min_3", "a");
        zk.register("/seed/foo/min_3", "b");

        ZkMonitor m = zk.monitor("""
                /seed/foo/min_1:
                  children: 1
                /seed/foo/min_0:
                  children: 0
                  cancel_timeout: 10
                /seed/foo/min_3:
                  children: 3
                """);

        assertThat(states(m)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/seed/foo/min_1", "OK: All checks pass.",
                "/seed/foo/min_0", "OK: All checks pass.",
                "/seed/foo/min_3", "Error: Found children (2) less than minimum (3)"));
        assertThat(m.status().connected()).isTrue();
        assertThat(m.status(("/seed/foo/min_3")).children()).containsExactly("a", "b");
    }

    @Test
    void alertsWhenAnInstanceCrashesAndRecoversWhenItComesBack() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("crash");
        ServiceInstance a = zk.register("/crash/svc", "a");
        zk.register("/crash/svc", "b");
        ZkMonitor m = zk.monitor("""
                /crash/svc:
                  children: 2
                  alerter: {recording: crash}
                """);

        a.crash();
        Notification firing = alerts.awaitFiring("/crash/svc", WAIT);
        assertThat(firing.message()).isEqualTo("Found children (1) less than minimum (2)");
        assertThat(firing.childrenRemoved()).containsExactly("a");
        assertThat(firing.state()).isEqualTo(State.ERROR);

        zk.register("/crash/svc", "c");
        Notification resolved = alerts.awaitResolved("/crash/svc", WAIT);
        assertThat(resolved.dedupKey()).isEqualTo(firing.dedupKey());
        assertThat(alerts.notifications("/crash/svc")).hasSize(2);
        assertThat(m.status("/crash/svc").state()).isEqualTo(State.OK);
    }

    @Test
    void aFlapInsideTheGracePeriodSendsNothing() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("flap");
        ServiceInstance a = zk.register("/flap/svc", "a");
        zk.monitor("""
                /flap/svc:
                  children: 1
                  cancel_timeout: 3s
                  alerter: {recording: flap}
                """);

        a.deregister();
        a.reregister(new byte[0]);
        alerts.assertNothingWithin(Duration.ofSeconds(4));
    }

    @Test
    void aGlobPicksUpNewServicesWithoutARestartAndDropsDeletedOnes() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("glob");
        zk.register("/glob/orders/instances", "i1");
        ZkMonitor m = zk.monitor("""
                /glob/*/instances:
                  children: 1
                  cancel_timeout: 1s
                  alerter: {recording: glob}
                """);
        assertThat(states(m)).containsOnlyKeys("/glob/orders/instances");

        ServiceInstance pay = zk.register("/glob/payments/instances", "p1");
        await().atMost(WAIT).until(() -> m.status("/glob/payments/instances") != null
                && m.status("/glob/payments/instances").state() == State.OK);

        pay.crash();
        alerts.awaitFiring("/glob/payments/instances", WAIT);

        zk.delete("/glob/payments");
        await().atMost(WAIT).until(() -> m.status("/glob/payments/instances") == null);
        Notification resolved = alerts.awaitResolved("/glob/payments/instances", WAIT);
        assertThat(resolved.message()).contains("No longer monitored");
    }

    @Test
    void rulesOnDataAndOnMatchingChildren() throws Exception {
        zk.register("/disc/api", "1", "{\"name\":\"api\",\"enabled\":true}");
        ServiceInstance two = zk.register("/disc/api", "2", "{\"name\":\"api\",\"enabled\":true}");
        zk.setData("/disc/config", "{\"mode\":\"active\",\"owner\":{\"team\":\"core\"}}");
        zk.ensure("/disc/absent-ok");
        ZkMonitor m = zk.monitor("""
                /disc/api:
                  children: {min: 2, where: {json: {enabled: true}}}
                /disc/config:
                  data: {json: {mode: active, owner.team: core}, regex: "active"}
                /disc/gone:
                  exists: false
                /disc/missing:
                  children: 0
                /disc/needed: {}
                """);
        assertThat(states(m)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/disc/api", "OK: All checks pass.",
                "/disc/config", "OK: All checks pass.",
                "/disc/gone", "OK: All checks pass.",
                "/disc/missing", "OK: All checks pass.",
                "/disc/needed", "Error: Node does not exist"));

        two.setData("{\"name\":\"api\",\"enabled\":false}");
        await().atMost(WAIT).until(() -> m.status("/disc/api").state() == State.ERROR);
        assertThat(m.status("/disc/api").message()).isEqualTo("Found matching children (1 of 2) less than minimum (2)");

        zk.setData("/disc/config", "{\"mode\":\"standby\",\"owner\":{\"team\":\"core\"}}");
        await().atMost(WAIT).until(() -> m.status("/disc/config").state() == State.ERROR);
        assertThat(m.status("/disc/config").message()).startsWith("Data field 'mode' is \"standby\", expected \"active\"");

        zk.ensure("/disc/gone");
        await().atMost(WAIT).until(() -> m.status("/disc/gone").state() == State.ERROR);
        zk.ensure("/disc/needed");
        await().atMost(WAIT).until(() -> m.status("/disc/needed").state() == State.OK);
    }

    @Test
    void readsManyPathsAtStart() throws Exception {
        int n = 2_000;
        zk.ensure("/many");
        var ops = new java.util.ArrayList<org.apache.curator.framework.api.transaction.CuratorOp>();
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String p = String.format("/many/p%05d", i);
            ops.add(zk.client().transactionOp().create().forPath(p));
            ops.add(zk.client().transactionOp().create().forPath(p + "/c"));
            yaml.append(p).append(": {children: ").append(i % 2 == 0 ? 1 : 2).append("}\n");
            if (ops.size() >= 1000) {
                zk.client().transaction().forOperations(ops);
                ops.clear();
            }
        }
        ZkMonitor m = zk.monitor(yaml.toString());
        assertThat(m.status().paths()).hasSize(n);
        assertThat(m.status().paths()).allSatisfy(s -> {
            int index = Integer.parseInt(s.path().substring("/many/p".length()));
            assertThat(s.childCount()).isEqualTo(1);
            assertThat(s.state()).isEqualTo(index % 2 == 0 ? State.OK : State.ERROR);
        });
    }

    @Test
    void periodicResyncCatchesAChangeTheWatchMissed() throws Exception {
        zk.register("/resync/a", "x");
        ZkMonitor m = zk.monitor("""
                settings:
                  resync_interval: 1s
                /resync/a:
                  children: 1
                """);
        // drop the client-side watch so the change below is never reported by an event
        zk.client().getZookeeperClient().getZooKeeper()
                .removeAllWatches("/resync/a", org.apache.zookeeper.Watcher.WatcherType.Any, true);
        zk.delete("/resync/a/x");
        await().atMost(WAIT).until(() -> m.status("/resync/a").state() == State.ERROR);
        assertThat(m.status("/resync/a").message()).isEqualTo("Found children (0) less than minimum (1)");
    }

    @Test
    void aReloadAddsAndDropsPathsAndKeepsTheAlertStateOfTheOthers() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("reload");
        zk.register("/reload/a", "1");
        zk.register("/reload/b", "1");
        ZkMonitor m = zk.monitor("""
                /reload/a: {children: 2, alerter: {recording: reload}}
                /reload/b: {children: 1, alerter: {recording: reload}}
                """);
        alerts.awaitFiring("/reload/a", WAIT);

        m.reload(io.zkmon.core.config.ConfigLoader.create().parse("""
                /reload/a: {children: 2, cancel_timeout: 1s, alerter: {recording: reload}}
                /reload/c: {children: 1, alerter: {recording: reload}}
                """, "next.yaml"));

        alerts.awaitFiring("/reload/c", WAIT);
        assertThat(m.status("/reload/b")).isNull();
        assertThat(m.status("/reload/a").spec().cancelTimeout()).isEqualTo(Duration.ofSeconds(1));
        alerts.assertNothingWithin(Duration.ofSeconds(2));
        assertThat(alerts.notifications("/reload/a")).as("an alert already sent is not sent again").hasSize(1);
    }

    @Test
    void aGlobMatchingThousandsOfServicesReadsThemAll() throws Exception {
        int n = 5_000;
        var ops = new java.util.ArrayList<org.apache.curator.framework.api.transaction.CuratorOp>();
        zk.ensure("/fleet");
        for (int i = 0; i < n; i++) {
            String svc = String.format("/fleet/s%04d", i);
            ops.add(zk.client().transactionOp().create().forPath(svc));
            ops.add(zk.client().transactionOp().create().forPath(svc + "/instances"));
            if (i % 7 != 0) {
                ops.add(zk.client().transactionOp().create().forPath(svc + "/instances/i1"));
            }
            if (ops.size() >= 900) {
                zk.client().transaction().forOperations(ops);
                ops.clear();
            }
        }
        zk.client().transaction().forOperations(ops);
        long t0 = System.nanoTime();
        ZkMonitor m = zk.monitor("/fleet/*/instances: {children: 1}");
        System.out.printf("glob over %d services read in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
        assertThat(m.status().paths()).hasSize(n);
        assertThat(m.summary().error()).isEqualTo((n + 6) / 7);
        assertThat(m.summary().ok()).isEqualTo(n - (n + 6) / 7);
        assertThat(m.status().paths().get(0).path()).isEqualTo("/fleet/s0000/instances");
    }
}
