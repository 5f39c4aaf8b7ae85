package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.testkit.ZooKeeperExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With credentials every znode of the cluster is creator-only; without, every one is open. */
class AclIT {

    @RegisterExtension
    final ZooKeeperExtension zk = ZooKeeperExtension.server();

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BASE = "/zk_monitor/zkmonitor";

    @Test
    void withCredentialsAnUnauthenticatedClientCanNeitherReadNorChangeAnythingOfTheCluster() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().credentials("zkmon:secret").cluster(b -> b.secured(true)));
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options().credentials("zkmon:secret").cluster(x -> x.secured(true)));
        List<String> nodes = populate(a, b);

        CuratorFramework stranger = zk.client(); // no credentials
        List<ACL> creatorOnly = List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest("zkmon:secret"))));
        for (String node : nodes) {
            assertThat(a.client.getACL().forPath(node)).as(node).isEqualTo(creatorOnly);
            assertThatThrownBy(() -> stranger.setData().forPath(node, "x".getBytes())).as("set %s", node)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> stranger.getData().forPath(node)).as("read %s", node)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> stranger.create().forPath(node + "/intruder")).as("create under %s", node)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> stranger.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(node)).as("setAcl %s", node)
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        for (String node : nodes.subList(1, nodes.size())) {
            if (!node.equals(BASE + "/state") && !node.equals(BASE + "/silences") && !node.equals(BASE + "/locks/alerter")
                    && !node.equals(BASE + "/agents")) {
                assertThatThrownBy(() -> stranger.delete().forPath(node)).as("delete %s", node)
                        .isInstanceOf(KeeperException.NoAuthException.class);
            }
        }
        // and the cluster still works for those with the credentials
        assertThat(a.leads() ^ b.leads()).isTrue();
    }

    @Test
    void anAgentWithOtherCredentialsCannotJoinASecuredCluster() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().credentials("zkmon:secret").cluster(b -> b.secured(true)));
        await().atMost(WAIT).until(a::leads);
        TestAgent intruder = TestAgent.start(zk, "intruder", TestAgent.options().credentials("zkmon:guess").cluster(b -> b.secured(true)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !intruder.leads()
                && a.cluster.clusterView().agents().size() == 1 && a.leads());
    }

    @Test
    void withoutCredentialsEveryZnodeIsOpen() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options());
        for (String node : populate(a, b)) {
            assertThat(zk.client().getACL().forPath(node)).as(node).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
        }
    }

    @Test
    void securedModeMakesNodesLeftOpenByAnEarlierOpenRunCreatorOnly() throws Exception {
        // as after running without credentials: the layout exists with open ACLs, a silence and a state in it
        Instant now = Instant.now();
        zk.setData(BASE + "/silences/s-open", new String(ClusterJson.encodeSilence(
                new Silence("s-open", "/svc/*", now.plusSeconds(600), "deploy", "ops", now)), java.nio.charset.StandardCharsets.UTF_8));
        zk.setData(StoredState.LAYOUT.stateNode("/svc/a"), "{\"format\":1,\"path\":\"/svc/a\"}");
        zk.ensure(BASE + "/agents").ensure(BASE + "/locks/alerter");
        String[] open = {BASE, BASE + "/agents", BASE + "/locks", BASE + "/locks/alerter", BASE + "/state",
                StoredState.LAYOUT.stateBucket("/svc/a"), StoredState.LAYOUT.stateNode("/svc/a"), BASE + "/silences", BASE + "/silences/s-open"};
        for (String node : open) {
            assertThat(zk.client().getACL().forPath(node)).as(node).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
        }

        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().credentials("zkmon:secret").cluster(b -> b.secured(true)));
        await().atMost(WAIT).until(a::leads);
        assertThat(a.cluster.clusterView().secured()).isTrue();
        List<ACL> creatorOnly = List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest("zkmon:secret"))));
        for (String node : open) {
            assertThat(a.client.getACL().forPath(node)).as(node).isEqualTo(creatorOnly);
        }
        assertThatThrownBy(() -> zk.client().getData().forPath(BASE + "/silences/s-open")).isInstanceOf(KeeperException.NoAuthException.class);
        assertThat(a.cluster.silenceStore().list()).extracting(Silence::id).containsExactly("s-open");
    }

    @Test
    void securedModeRefusesToRunNamingANodeOfOtherCredentialsItMayNotFix() throws Exception {
        zk.ensure(BASE);
        CuratorFramework other = org.apache.curator.framework.CuratorFrameworkFactory.builder().connectString(zk.connectString())
                .retryPolicy(new org.apache.curator.retry.RetryOneTime(100))
                .authorization("digest", "someone:else".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
        zk.closeAfterTest(other);
        other.start();
        other.create().withACL(ZooDefs.Ids.CREATOR_ALL_ACL).forPath(BASE + "/state");

        java.util.concurrent.atomic.AtomicReference<String> refused = new java.util.concurrent.atomic.AtomicReference<>();
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().credentials("zkmon:secret")
                .cluster(b -> b.secured(true).onRefusal(refused::set)));
        await().atMost(WAIT).until(() -> refused.get() != null);
        assertThat(refused.get()).contains(BASE + "/state ").contains("other credentials").doesNotContain("someone:else");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !a.leads());
        assertThat(zk.client().checkExists().forPath(BASE + "/agents/a")).as("it left").isNull();
    }

    @Test
    void openAclsAreSaidToBeOpen() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        assertThat(a.cluster.clusterView().secured()).isFalse();
    }

    /** Starts leadership, stores an alert state and a silence; returns every znode the cluster made, base first. */
    private List<String> populate(TestAgent a, TestAgent b) throws Exception {
        await().atMost(WAIT).until(() -> a.leads() ^ b.leads());
        TestAgent leader = a.leads() ? a : b;
        await().atMost(WAIT).until(() -> leader.cluster.clusterView().agents().size() == 2);
        leader.cluster.alertStateStore().loadAll(); // as the dispatcher does when it starts sending
        leader.cluster.alertStateStore().put(new AlertState("/svc/a", Instant.now(), false, null, null, null, List.of()));
        String stateNode = StoredState.LAYOUT.stateNode("/svc/a");
        await().atMost(WAIT).until(() -> leader.client.checkExists().forPath(stateNode) != null);
        leader.cluster.silenceStore().add(new Silence("s1", "/svc/*", Instant.now().plusSeconds(600), "deploy", "ops", Instant.now()));

        List<String> nodes = new ArrayList<>(List.of(BASE, BASE + "/agents", BASE + "/agents/a", BASE + "/agents/b", BASE + "/locks",
                BASE + "/locks/alerter", BASE + "/state", StoredState.LAYOUT.stateBucket("/svc/a"), stateNode, BASE + "/silences",
                BASE + "/silences/s1"));
        for (String latch : leader.client.getChildren().forPath(BASE + "/locks/alerter")) {
            nodes.add(BASE + "/locks/alerter/" + latch);
        }
        assertThat(nodes).hasSize(13);
        return nodes;
    }
}
