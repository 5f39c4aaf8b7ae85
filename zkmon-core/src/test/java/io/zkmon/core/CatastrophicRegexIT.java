package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.spec.State;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.ServiceInstance;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A classic catastrophic regex over crafted data: a backtracking engine runs for hours on these 41 bytes, on
 * ZooKeeper's event thread, under the engine's lock, and the monitor never primes. It answers at once, and a
 * neighbour's alert still arrives.
 */
class CatastrophicRegexIT {

    @RegisterExtension
    final ZkMonitorExtension zk = ZkMonitorExtension.server();

    @Test
    @Timeout(120)
    void aCatastrophicPatternOverCraftedDataNeitherHangsNorSilencesItsNeighbours() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("regex");
        zk.setData("/cfg/leader", "a".repeat(40) + "!");
        ServiceInstance instance = zk.register("/svc/api", "1");
        ZkMonitor m = zk.monitor("""
                /cfg/leader:
                  data: {regex: "^(.*a){20}$"}
                /svc/api:
                  children: 1
                  alerter: {recording: regex}
                """);

        assertThat(m.status("/cfg/leader").state()).isEqualTo(State.ERROR);
        assertThat(m.status("/cfg/leader").message()).isEqualTo("Data does not match /^(.*a){20}$/");
        zk.setData("/cfg/leader", "a".repeat(39) + "!" + "a");
        zk.setData("/cfg/leader", "a".repeat(40));
        await().atMost(Duration.ofSeconds(20)).until(() -> m.status("/cfg/leader").state() == State.OK);

        instance.crash();
        assertThat(alerts.awaitFiring("/svc/api", Duration.ofSeconds(20)).message()).isEqualTo("Found children (0) less than minimum (1)");
    }
}
