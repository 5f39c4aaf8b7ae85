package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.testkit.ServiceInstance;
import io.zkmon.testkit.ZooKeeperExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster's znodes as a client with no credentials can write them under open ACLs (docs/security.md): forged lock
 * candidates, a deleted lock node, silences and alert state nobody trusted wrote. None of them switches alerting off
 * unnoticed, and none gives two senders at once.
 */
class HostileZnodesIT {

    @RegisterExtension
    final ZooKeeperExtension zk = ZooKeeperExtension.server();

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BASE = "/zk_monitor/zkmonitor";
    private static final String LOCK = BASE + "/locks/alerter";

    @Test
    void aForgedLockCandidateNeverOutranksARealAgentNorIsNamedTheLeader() throws Exception {
        CuratorFramework stranger = zk.client();
        // a persistent node shaped like the first lock child, and an ephemeral one of a session that registered no agent
        stranger.create().creatingParentsIfNeeded().forPath(LOCK + "/x-latch-0", "evil".getBytes(StandardCharsets.UTF_8));
        stranger.create().withMode(CreateMode.EPHEMERAL).forPath(LOCK + "/_c_00000000-0000-0000-0000-000000000000-latch-0000000001",
                "ghost".getBytes(StandardCharsets.UTF_8));

        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        await().atMost(WAIT).until(a::leads);
        await().atMost(WAIT).until(() -> "a".equals(a.cluster.clusterView().leader()));
        assertThat(a.cluster.clusterView().nextInLine()).isTrue();
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options());
        await().atMost(WAIT).until(() -> b.cluster.clusterView().agents().size() == 2);
        await().atMost(WAIT).until(() -> "a".equals(b.cluster.clusterView().leader()));
        assertThat(b.cluster.clusterView().nextInLine()).isFalse();
        assertThat(b.cluster.clusterView().agents()).extracting(x -> x.name()).containsExactly("a", "b");
    }

    @Test
    void aDeletedLeaderNodeNeverGivesTwoSendersAtOnce() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        await().atMost(WAIT).until(a::leads);
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options());
        await().atMost(WAIT).until(() -> b.cluster.clusterView().agents().size() == 2 && "a".equals(b.cluster.clusterView().leader()));
        String lockNode = ((ZkClusterImpl) a.cluster).lockNode();

        long deleted = System.nanoTime();
        zk.client().delete().forPath(lockNode);

        await().atMost(WAIT).until(b::leads);
        TestAgent.Change stopped = a.firstChange(false, deleted);
        TestAgent.Change started = b.firstChange(true, deleted);
        assertThat(stopped).as("the old sender stopped").isNotNull();
        System.out.printf("lock node deleted: old sender stopped after %d ms, new sender started after %d ms%n",
                (stopped.nanos() - deleted) / 1_000_000, (started.nanos() - deleted) / 1_000_000);
        assertThat(stopped.nanos()).as("the old sender stopped before the new one started").isLessThan(started.nanos());
        await().atMost(WAIT).until(() -> "b".equals(a.cluster.clusterView().leader()));
        assertThat(a.leads()).isFalse();
    }

    @Test
    void silencesReadFromZooKeeperAreCheckedLikeTheApiChecksThemAndEndedOnesAreRemoved() throws Exception {
        Instant now = Instant.now();
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        await().atMost(WAIT).until(a::leads);
        String dir = BASE + "/silences/";
        zk.setData(dir + "ok", json("ok", "/svc/*", now.plus(Duration.ofHours(1)), "deploy"));
        zk.setData(dir + "forever", json("forever", "/**", now.plus(Duration.ofDays(3650)), "mute everything"));
        zk.setData(dir + "essay", json("essay", "/svc/a", now.plus(Duration.ofHours(1)), "x".repeat(5_000)));
        zk.setData(dir + "elsewhere", json("not-elsewhere", "/svc/b", now.plus(Duration.ofHours(1)), "stored under another id"));
        zk.setData(dir + "ended", json("ended", "/svc/c", now.minus(Duration.ofMinutes(1)), "over"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(a.cluster.silenceStore().list()).extracting(Silence::id)
                .containsExactlyInAnyOrder("ok", "ended"));
        // the sender removes the ended one (within its 10 s round)
        await().atMost(WAIT).until(() -> zk.client().checkExists().forPath(dir + "ended") == null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(a.cluster.silenceStore().list()).extracting(Silence::id).containsExactly("ok"));
        assertThat(a.cluster.silenceStore().covering("/svc/x", Instant.now())).isPresent();
        assertThat(a.cluster.silenceStore().covering("/other", Instant.now())).as("the 10-year '/**' silence does not count").isEmpty();
        // invalid ones are left for a person to look at
        assertThat(zk.client().checkExists().forPath(dir + "forever")).isNotNull();
    }

    @Test
    void atMostAThousandSilencesCountTheOldestFirstAndTheApiRefusesMore() throws Exception {
        Instant now = Instant.now();
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        await().atMost(WAIT).until(a::leads);
        CuratorFramework c = zk.client();
        List<CuratorOp> ops = new ArrayList<>();
        for (int i = 0; i < ZkSilenceStore.MAX_SILENCES + 5; i++) {
            String id = "s%04d".formatted(i);
            Silence s = new Silence(id, "/svc/" + id, now.plus(Duration.ofHours(1)), "flood", "x", now.plusMillis(i));
            ops.add(c.transactionOp().create().forPath(BASE + "/silences/" + id, ClusterJson.encodeSilence(s)));
            if (ops.size() == 100) {
                c.transaction().forOperations(ops);
                ops.clear();
            }
        }
        c.transaction().forOperations(ops);
        await().atMost(WAIT).until(() -> a.cluster.silenceStore().list().size() == ZkSilenceStore.MAX_SILENCES);
        assertThat(a.cluster.silenceStore().list()).extracting(Silence::id).contains("s0000", "s0999").doesNotContain("s1000", "s1004");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.cluster.silenceStore()
                        .add(new Silence("one-more", "/svc/x", Instant.now().plusSeconds(60), "c", "a", Instant.now())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("remove some first");
    }

    @Test
    void aForgedNotifiedStateIsRejectedAndThePathAlertsFromScratch() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("hostile");
        ServiceInstance x = zk.register("/svc/x", "1");
        zk.register("/svc/y", "1").crash();
        x.crash();
        // "already notified" records for both out-of-spec paths, neither of which zkmon could have written
        zk.setData(StoredState.LAYOUT.stateNode("/svc/x"), "{\"format\":1,\"path\":\"/svc/x\",\"notified\":true}");
        zk.setData(StoredState.LAYOUT.stateNode("/svc/y"), "{\"format\":1,\"path\":\"/svc/y\",\"incident_start\":\"2025-01-01T00:00:00Z\","
                + "\"notified\":true,\"notified_at\":\"2099-01-01T00:00:00Z\",\"dedup_key\":\"k\"}");
        String config = """
                /svc/x: {children: 1, cancel_timeout: 1s, alerter: {recording: hostile}}
                /svc/y: {children: 1, cancel_timeout: 1s, alerter: {recording: hostile}}
                """;
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().monitor(config));
        await().atMost(WAIT).until(a::leads);

        Notification nx = alerts.awaitFiring("/svc/x", WAIT);
        Notification ny = alerts.awaitFiring("/svc/y", WAIT);
        assertThat(nx.dedupKey()).isNotEqualTo("k");
        assertThat(ny.dedupKey()).isNotEqualTo("k");
        await().atMost(WAIT).untilAsserted(() -> assertThat(StoredState.read(zk, "/svc/x").notified()).isTrue());
    }

    @Test
    void anAlertStateTooLargeForAZnodeIsAnErrorAndACountNeverAReconnectLoop() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        await().atMost(WAIT).until(a::leads);
        List<org.apache.curator.framework.state.ConnectionState> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.client.getConnectionStateListenable().addListener((cl, s) -> changes.add(s));
        var store = a.cluster.alertStateStore();
        store.loadAll();
        Instant t = Instant.now().minusSeconds(60);
        store.put(new io.zkmon.core.dispatch.AlertState("/svc/big", t, false, null, null, null, List.of()));
        await().atMost(WAIT).until(() -> StoredState.read(zk, "/svc/big") != null);

        // 60,000 children removed during the incident: about 1.3 MB of JSON, more than a znode (1 MiB) can hold
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            removed.add("instance-%015d".formatted(i));
        }
        Notification n = new Notification(Notification.Kind.FIRING, "/svc/big", io.zkmon.core.spec.State.ERROR, io.zkmon.core.spec.State.OK,
                "Found children (0) less than minimum (1)", 0, List.of(), removed, "zkmonitor", "a", t, t.plusSeconds(1), "k", false, null);
        store.put(new io.zkmon.core.dispatch.AlertState("/svc/big", t, true, t.plusSeconds(1), "k", null,
                List.of(new io.zkmon.core.dispatch.PendingDelivery("ops", n, null, 0))));
        store.put(new io.zkmon.core.dispatch.AlertState("/svc/small", t, false, null, null, null, List.of()));

        await().atMost(WAIT).until(() -> StoredState.read(zk, "/svc/small") != null);
        assertThat(a.cluster.clusterView().oversizedStateWrites()).isEqualTo(1);
        await().atMost(WAIT).until(() -> StoredState.read(zk, "/svc/big") == null);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> changes.isEmpty() && a.leads());
    }

    private static String json(String id, String pattern, Instant until, String comment) {
        return new String(ClusterJson.encodeSilence(new Silence(id, pattern, until, comment, "someone", Instant.now())), StandardCharsets.UTF_8);
    }
}
