package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.spec.State;
import io.zkmon.testkit.ZooKeeperExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared alert state and silences, driven the way the dispatcher and the HTTP API drive them: writes are in
 * order, a new leader reads all of them, and a deposed leader's late write cannot overwrite the new leader's.
 */
class SharedStateIT {

    @RegisterExtension
    final ZooKeeperExtension zk = ZooKeeperExtension.server();

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private static AlertState pending(String path, Instant since) {
        return new AlertState(path, since, false, null, null, null, List.of());
    }

    @Test
    void aDeposedLeadersLateWriteFailsInsteadOfOverwritingTheNewLeaders() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        await().atMost(WAIT).until(a::leads);
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options());
        AlertStateStore fromA = a.cluster.alertStateStore();
        fromA.loadAll();
        fromA.put(pending("/svc/a", T0));
        await().atMost(WAIT).until(() -> StoredState.read(zk, "/svc/a") != null);

        // a is deposed (its session ends) but its dispatcher has not noticed yet
        zk.expireSession(a.client);
        await().atMost(WAIT).until(b::leads);
        AlertStateStore fromB = b.cluster.alertStateStore();
        assertThat(fromB.loadAll()).containsEntry("/svc/a", pending("/svc/a", T0));
        fromB.put(pending("/svc/a", T0.plusSeconds(60)));
        await().atMost(WAIT).until(() -> pending("/svc/a", T0.plusSeconds(60)).equals(StoredState.read(zk, "/svc/a")));

        fromA.put(pending("/svc/a", T0.plusSeconds(999))); // the late write, fenced on a's old lock node
        fromA.put(pending("/svc/late", T0.plusSeconds(999)));
        await().atMost(WAIT).until(() -> backlog(a) == 0);
        assertThat(StoredState.read(zk, "/svc/a")).isEqualTo(pending("/svc/a", T0.plusSeconds(60)));
        assertThat(StoredState.read(zk, "/svc/late")).isNull();
    }

    @Test
    void writesForOnePathLandInOrderAndAClearStateIsDeleted() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        await().atMost(WAIT).until(a::leads);
        AlertStateStore store = a.cluster.alertStateStore();
        store.loadAll();
        for (int i = 0; i < 200; i++) {
            store.put(pending("/svc/ordered", T0.plusSeconds(i)));
        }
        await().atMost(WAIT).until(() -> pending("/svc/ordered", T0.plusSeconds(199)).equals(StoredState.read(zk, "/svc/ordered")));

        store.put(AlertState.clear("/svc/ordered"));
        await().atMost(WAIT).until(() -> StoredState.read(zk, "/svc/ordered") == null);
        store.put(pending("/svc/removed", T0));
        store.remove("/svc/removed");
        store.put(pending("/svc/kept", T0));
        await().atMost(WAIT).until(() -> StoredState.read(zk, "/svc/kept") != null);
        assertThat(StoredState.read(zk, "/svc/removed")).isNull();
        assertThat(store.loadAll()).containsOnlyKeys("/svc/kept");
    }

    @Test
    void aNewLeaderReadsEveryStoredStateOutboxesIncluded() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        await().atMost(WAIT).until(a::leads);
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options());
        AlertStateStore store = a.cluster.alertStateStore();
        store.loadAll();
        Notification n = new Notification(Notification.Kind.FIRING, "/svc/0", State.ERROR, State.OK, "down", 0, List.of(), List.of("i1"),
                "zkmonitor", "a", T0, T0.plusSeconds(5), "zkmonitor:/svc/0:1", false, null);
        AlertState withOutbox = new AlertState("/svc/0", T0, true, T0.plusSeconds(5), "zkmonitor:/svc/0:1", null,
                List.of(new PendingDelivery("ops", n, T0.plusSeconds(5), 2)));
        store.put(withOutbox);
        for (int i = 1; i < 500; i++) {
            store.put(pending("/svc/" + i, T0));
        }
        await().atMost(WAIT).until(() -> backlog(a) == 0);

        a.stop();
        await().atMost(WAIT).until(b::leads);
        Map<String, AlertState> loaded = b.cluster.alertStateStore().loadAll();
        assertThat(loaded).hasSize(500).containsEntry("/svc/0", withOutbox).containsEntry("/svc/499", pending("/svc/499", T0));
    }

    @Test
    void aSilenceAddedOnOneAgentIsSeenAtOnceThereAndSoonOnTheOthers() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options());
        AtomicInteger changesSeenByB = new AtomicInteger();
        b.cluster.silenceStore().addListener(changesSeenByB::incrementAndGet);
        Silence s = new Silence("deploy/42", "/services/**", Instant.now().plusSeconds(600), "deploying", "ops", Instant.now());
        Silence earlier = new Silence("other", "/x", Instant.now().plusSeconds(60), "", "", Instant.now());

        a.cluster.silenceStore().add(s);
        a.cluster.silenceStore().add(earlier);
        assertThat(a.cluster.silenceStore().list()).containsExactly(earlier, s);
        await().atMost(WAIT).until(() -> b.cluster.silenceStore().list().size() == 2);
        assertThat(b.cluster.silenceStore().covering("/services/foo/instances", Instant.now())).contains(s);
        assertThat(changesSeenByB.get()).isPositive();

        Silence extended = new Silence("deploy/42", "/services/**", Instant.now().plusSeconds(1200), "longer", "ops", Instant.now());
        b.cluster.silenceStore().add(extended);
        assertThat(b.cluster.silenceStore().list()).containsExactly(earlier, extended);
        assertThat(b.cluster.silenceStore().remove("deploy/42")).isTrue();
        assertThat(b.cluster.silenceStore().remove("deploy/42")).isFalse();
        assertThat(b.cluster.silenceStore().list()).containsExactly(earlier);
        await().atMost(WAIT).until(() -> a.cluster.silenceStore().list().equals(List.of(earlier)));
    }

    @Test
    void anUnreadableSilenceIsIgnoredNotFatal() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        Silence s = new Silence("ok", "/a", Instant.now().plusSeconds(60), "", "", Instant.now());
        a.cluster.silenceStore().add(s);
        zk.setData("/zk_monitor/zkmonitor/silences/broken", "{not json");
        zk.setData("/zk_monitor/zkmonitor/silences/bad-glob", "{\"id\":\"bad-glob\",\"pattern\":\"no-slash\",\"until\":\"2099-01-01T00:00:00Z\"}");
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> a.cluster.silenceStore().list().equals(List.of(s)));
    }

    /** State writes of an agent not yet in ZooKeeper. */
    private static int backlog(TestAgent agent) {
        return ((ZkClusterImpl) agent.cluster).stateBacklog();
    }
}
