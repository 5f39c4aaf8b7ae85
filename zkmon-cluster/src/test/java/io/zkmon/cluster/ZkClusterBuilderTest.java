package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Building a membership validates everything and touches nothing; starting needs a started client. */
class ZkClusterBuilderTest {

    private final CuratorFramework notStarted = CuratorFrameworkFactory.newClient("127.0.0.1:1", new RetryOneTime(1));

    @AfterEach
    void close() {
        notStarted.close();
    }

    @Test
    void defaultsAreTheSeedsLayoutAndHostPid() {
        try (ZkCluster c = ZkCluster.builder().client(notStarted).build()) {
            assertThat(c.basePath()).isEqualTo("/zk_monitor/zkmonitor");
            assertThat(c.clusterName()).isEqualTo("zkmonitor");
            assertThat(c.agentName()).isEqualTo(ZkCluster.Builder.hostName() + "-" + ProcessHandle.current().pid());
            assertThat(c.alertingLeader()).isFalse();
            assertThat(c.sendPermission().isPermitted()).isFalse();
            assertThat(c.clusterView().self()).isEqualTo(c.agentName());
        }
    }

    @Test
    void badSettingsAreExplainedWhenBuilding() {
        assertThatThrownBy(() -> ZkCluster.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("give the cluster the agent's Curator client: ZkCluster.builder().client(client)");
        assertThatThrownBy(() -> ZkCluster.builder().client(notStarted).httpPort(70_000).build())
                .hasMessage("http port 70000 is out of range; use 1-65535, or 0 for none");
        assertThatThrownBy(() -> ZkCluster.builder().client(notStarted).agentName("a/b").build())
                .hasMessage("the agent name 'a/b' must not contain '/': it names a single znode");
        assertThatThrownBy(() -> ZkCluster.builder().client(notStarted).clusterName("").build())
                .hasMessage("the cluster name is empty");
        assertThatThrownBy(() -> ZkCluster.builder().client(notStarted).prefix("zk").build())
                .hasMessage("the cluster prefix 'zk' must be an absolute znode path, e.g. /zk");
    }

    @Test
    void startingNeedsAStartedClientAndAClosedMembershipCannotStartAgain() {
        ZkCluster c = ZkCluster.builder().client(notStarted).agentName("a").build();
        assertThatThrownBy(c::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Curator client handed to the cluster must be started (client.start())");
        c.close();
        c.close(); // twice is fine
        assertThatThrownBy(c::start).hasMessage("this cluster membership is closed; build a new one");
    }
}
