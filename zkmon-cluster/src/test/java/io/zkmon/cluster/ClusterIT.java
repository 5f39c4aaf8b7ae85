package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkmon.core.ClusterView;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.testkit.ServiceInstance;
import io.zkmon.testkit.ZooKeeperExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several agents on one ZooKeeper: they register, agree on one sender, and a transition is notified once. */
class ClusterIT {

    @RegisterExtension
    final ZooKeeperExtension zk = ZooKeeperExtension.server();

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CONFIG = "/svc/a: {children: 1, alerter: {recording: cluster}}\n";

    @Test
    void threeAgentsAgreeOnExactlyOneSenderAndOneTransitionGivesOneNotification() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("cluster");
        ServiceInstance instance = zk.register("/svc/a", "1");
        List<TestAgent> agents = List.of(
                TestAgent.start(zk, "a", TestAgent.options().monitor(CONFIG)),
                TestAgent.start(zk, "b", TestAgent.options().monitor(CONFIG)),
                TestAgent.start(zk, "c", TestAgent.options().monitor(CONFIG)));

        TestAgent leader = awaitOneLeader(agents);
        for (TestAgent a : agents) {
            MonitorStatus st = a.monitor.status();
            assertThat(st.dispatcher().name()).isEqualTo(a.name);
            assertThat(st.dispatcher().alerting()).as("alerting on %s", a.name).isEqualTo(a == leader);
            assertThat(a.monitor.cluster()).as("the cluster, for readers of the monitor's view").containsSame(a.cluster.clusterView());
        }

        instance.crash();
        Notification firing = alerts.awaitFiring("/svc/a", WAIT);
        assertThat(firing.agent()).isEqualTo(leader.name);
        zk.register("/svc/a", "2");
        Notification resolved = alerts.awaitResolved("/svc/a", WAIT);
        alerts.assertNothingWithin(Duration.ofSeconds(2));
        assertThat(alerts.notifications()).containsExactly(firing, resolved);
        assertThat(resolved.dedupKey()).isEqualTo(firing.dedupKey());
    }

    @Test
    void everyAgentSeesTheSameClusterAndWhoLeadsSinceWhen() throws Exception {
        Instant before = Instant.now();
        List<TestAgent> agents = List.of(TestAgent.start(zk, "a", TestAgent.options()), TestAgent.start(zk, "b", TestAgent.options()));
        TestAgent leader = awaitOneLeader(agents);

        for (TestAgent a : agents) {
            ClusterView view = a.cluster.clusterView();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(view.agents()).extracting(ClusterView.Agent::name).containsExactly("a", "b");
                assertThat(view.leader()).isEqualTo(leader.name);
                assertThat(view.leaderSince()).isNotNull();
            });
            assertThat(view.self()).isEqualTo(a.name);
            assertThat(view.leaderSince()).isBetween(before, Instant.now());
            ClusterView.Agent b = view.agents().get(1);
            assertThat(b.httpPort()).isEqualTo(8000 + 'b');
            assertThat(b.version()).isEqualTo("test");
            assertThat(b.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(b.host()).isNotBlank();
            assertThat(b.startedAt()).isBetween(before, Instant.now());
        }
    }

    @Test
    void theAgentNodeHoldsTheDocumentedJson() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().cluster(b -> b.httpPort(8080)));
        awaitOneLeader(List.of(a));
        String node = "/zk_monitor/zkmonitor/agents/a";
        await().atMost(WAIT).until(() -> json(node).has("leading_since"));

        JsonNode doc = json(node);
        assertThat(doc.fieldNames()).toIterable().containsExactlyInAnyOrder("host", "pid", "version", "started_at", "http_port", "leading_since",
                "lease_ms");
        assertThat(doc.get("lease_ms").asLong()).as("2/3 of the session timeout").isBetween(3_000L, 3_400L);
        assertThat(doc.get("http_port").asInt()).isEqualTo(8080);
        assertThat(doc.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(Instant.parse(doc.get("started_at").asText())).isBefore(Instant.now());
        Stat stat = zk.client().checkExists().forPath(node);
        assertThat(stat.getEphemeralOwner()).isEqualTo(a.client.getZookeeperClient().getZooKeeper().getSessionId());
    }

    @Test
    void aGracefulStopHandsOverAtOnceAndRemovesTheAgentWithinTwoSeconds() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        awaitOneLeader(List.of(a));
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options());
        await().atMost(WAIT).until(() -> b.cluster.clusterView().agents().size() == 2);

        long start = System.nanoTime();
        a.stop();
        long stopMillis = (System.nanoTime() - start) / 1_000_000;
        await().atMost(Duration.ofSeconds(2)).until(b::leads);
        long takeoverMillis = (b.firstChange(true, start).nanos() - start) / 1_000_000;
        System.out.printf("graceful stop: close() took %d ms, takeover after %d ms%n", stopMillis, takeoverMillis);
        assertThat(stopMillis).isLessThan(2_500);
        assertThat(zk.client().checkExists().forPath("/zk_monitor/zkmonitor/agents/a")).isNull();
        assertThat(zk.client().getChildren().forPath("/zk_monitor/zkmonitor/locks/alerter")).hasSize(1);
        assertThat(a.leads()).isFalse();
    }

    @Test
    void anAgentRegistersAgainInItsNewSessionAfterExpiry() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options());
        awaitOneLeader(List.of(a, b));
        String node = "/zk_monitor/zkmonitor/agents/b";
        long oldSession = zk.client().checkExists().forPath(node).getEphemeralOwner();

        zk.expireSession(b.client);

        await().atMost(WAIT).untilAsserted(() -> {
            Stat st = zk.client().checkExists().forPath(node);
            assertThat(st).isNotNull();
            assertThat(st.getEphemeralOwner()).isNotEqualTo(oldSession)
                    .isEqualTo(b.client.getZookeeperClient().getZooKeeper().getSessionId());
        });
        // and it is a candidate again, in its new session
        await().atMost(WAIT).until(() -> zk.client().getChildren().forPath("/zk_monitor/zkmonitor/locks/alerter").size() == 2);
    }

    @Test
    void agentsWithAnotherClusterNameOrPrefixAreIndependent() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options().cluster(c -> c.clusterName("other")));
        TestAgent c = TestAgent.start(zk, "c", TestAgent.options().cluster(x -> x.prefix("/team/zkmon")));
        await().atMost(WAIT).until(() -> Stream.of(a, b, c).allMatch(TestAgent::leads));
        assertThat(b.cluster.basePath()).isEqualTo("/zk_monitor/other");
        assertThat(c.cluster.basePath()).isEqualTo("/team/zkmon/zkmonitor");
        assertThat(a.cluster.clusterView().agents()).extracting(ClusterView.Agent::name).containsExactly("a");
    }

    static TestAgent awaitOneLeader(List<TestAgent> agents) {
        await().atMost(WAIT).until(() -> agents.stream().filter(TestAgent::leads).count() == 1
                && agents.stream().allMatch(a -> a.cluster.clusterView().agents().size() == agents.size()));
        // and it stays one
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> agents.stream().filter(TestAgent::leads).count() == 1);
        return agents.stream().filter(TestAgent::leads).findFirst().orElseThrow();
    }

    private JsonNode json(String node) throws Exception {
        return new ObjectMapper().readTree(zk.client().getData().forPath(node));
    }
}
