package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.spec.State;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A three-server ensemble losing members: a minority loss is invisible, a majority loss is Unknown, never an alert. */
class EnsembleIT {

    @RegisterExtension
    final ZkMonitorExtension zk = ZkMonitorExtension.cluster(3);

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void losingOneServerChangesNothingAndLosingTwoIsUnknownWithoutAlerts() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("ensemble");
        zk.register("/ens/a", "1");
        zk.register("/ens/a", "2");
        zk.register("/ens/b", "1");
        CuratorFramework own = zk.newClient(Duration.ofSeconds(30));
        List<Boolean> connection = new CopyOnWriteArrayList<>();
        ZkMonitor m = zk.monitor("""
                /ens/a: {children: 2, alerter: {recording: ensemble}}
                /ens/b: {children: 1, alerter: {recording: ensemble}}
                """, b -> b.curator(own).listener(new MonitorListener() {
                    @Override
                    public void onConnectionChange(boolean connected) {
                        connection.add(connected);
                    }
                }));
        assertThat(connection).containsExactly(true);
        connection.clear();
        InstanceSpec ours = zk.memberOf(own);
        List<InstanceSpec> others = zk.members().stream().filter(s -> !s.equals(ours)).toList();

        // a server we are not connected to: the monitor does not even notice
        zk.kill(others.get(0));
        alerts.assertNothingWithin(Duration.ofSeconds(3));
        assertThat(connection).isEmpty();
        assertThat(m.status().paths()).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.OK));

        // and then ours: no quorum left
        zk.kill(ours);
        await().atMost(WAIT).until(() -> !m.status().connected());
        assertThat(m.status().paths()).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.UNKNOWN));
        alerts.assertNothingWithin(Duration.ofSeconds(3));

        zk.revive(ours);
        zk.revive(others.get(0));
        await().atMost(WAIT).until(() -> m.status().connected() && m.status().primed());
        assertThat(m.status().paths()).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.OK));
        alerts.assertNothingWithin(Duration.ofSeconds(2));
        assertThat(alerts.notifications()).isEmpty();
    }
}
