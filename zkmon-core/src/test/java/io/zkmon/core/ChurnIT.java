package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.State;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 1,000 paths whose children come and go at random from several sessions (some of which die) for a minute
 * ({@code -Dzkmon.churn.seconds=N} to change): afterwards every path's state equals a direct recount, and each path's
 * notifications tell a consistent story (no recovery without an alert before it, no second alert within an incident).
 */
class ChurnIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final int PATHS = 1_000;
    private static final int MIN = 2;
    private static final int WRITERS = 4;

    @Test
    void everyPathEndsRightAndItsNotificationsAreConsistent() throws Exception {
        long seconds = Long.getLong("zkmon.churn.seconds", 60);
        long seed = Long.getLong("zkmon.churn.seed", System.nanoTime());
        System.out.println("ChurnIT seed " + seed + " (-Dzkmon.churn.seed to repeat), " + seconds + " s");
        RecordingAlerter alerts = RecordingAlerter.fresh("churn");
        StringBuilder yaml = new StringBuilder("defaults: {children: " + MIN + ", alerter: {recording: churn}}\n");
        List<CuratorOp> ops = new ArrayList<>();
        zk.ensure("/churn");
        for (int i = 0; i < PATHS; i++) {
            ops.add(zk.client().transactionOp().create().forPath(path(i)));
            yaml.append(path(i)).append(": {cancel_timeout: ").append(i % 3 == 0 ? "200ms" : "0").append("}\n");
            if (ops.size() == 500) {
                zk.client().transaction().forOperations(ops);
                ops.clear();
            }
        }
        ZkMonitor m = zk.monitor(yaml.toString());

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong changes = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Random rnd = new Random(seed + w);
            int id = w;
            Thread t = new Thread(() -> write(id, rnd, stop, changes), "churn-writer-" + w);
            writers.add(t);
            t.start();
        }
        Thread.sleep(Duration.ofSeconds(seconds).toMillis()); // the length of the churn, not an assertion
        stop.set(true);
        for (Thread t : writers) {
            t.join();
        }
        System.out.println("ChurnIT: " + changes.get() + " child changes, " + alerts.notifications().size() + " notifications");
        assertThat(changes.get()).isGreaterThan(1_000);

        int[] truth = new int[PATHS];
        for (int i = 0; i < PATHS; i++) {
            truth[i] = zk.client().getChildren().forPath(path(i)).size();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 0; i < PATHS; i++) {
                PathStatus s = m.status(path(i));
                assertThat(s.childCount()).as(path(i)).isEqualTo(truth[i]);
                assertThat(s.state()).as(path(i)).isEqualTo(truth[i] >= MIN ? State.OK : State.ERROR);
            }
        });
        // deliveries settle: each path's last notification agrees with its final state
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 0; i < PATHS; i++) {
                List<Notification> ns = alerts.notifications(path(i));
                boolean firing = !ns.isEmpty() && ns.get(ns.size() - 1).firing();
                assertThat(firing).as(path(i) + " " + ns).isEqualTo(truth[i] < MIN);
            }
        });
        for (int i = 0; i < PATHS; i++) {
            assertConsistent(path(i), alerts.notifications(path(i)));
        }
    }

    private static void assertConsistent(String path, List<Notification> ns) {
        Notification open = null;
        for (Notification n : ns) {
            if (n.firing()) {
                assertThat(open).as(path + ": a second alert within one incident: " + ns).isNull();
                open = n;
            } else {
                assertThat(open).as(path + ": a recovery without an alert before it: " + ns).isNotNull();
                assertThat(n.dedupKey()).as(path + ": recovery of another incident").isEqualTo(open.dedupKey());
                open = null;
            }
        }
    }

    private static String path(int i) {
        return String.format("/churn/p%04d", i);
    }

    /** One writer: toggles its own ephemeral children of random paths; now and then its session dies. */
    private static void write(int id, Random rnd, AtomicBoolean stop, AtomicLong changes) {
        CuratorFramework session = zk.newClient(Duration.ofSeconds(10));
        long born = System.nanoTime();
        try {
            while (!stop.get()) {
                if (System.nanoTime() - born > Duration.ofSeconds(15 + id * 3L).toNanos()) {
                    zk.expireSession(session); // a crashed instance: its children vanish at once
                    session.close();
                    session = zk.newClient(Duration.ofSeconds(10));
                    born = System.nanoTime();
                    changes.incrementAndGet();
                }
                String child = path(rnd.nextInt(PATHS)) + "/w" + id + "-" + rnd.nextInt(3);
                try {
                    if (session.checkExists().forPath(child) != null) {
                        session.delete().forPath(child);
                    } else {
                        session.create().withMode(CreateMode.EPHEMERAL).forPath(child);
                    }
                    changes.incrementAndGet();
                } catch (KeeperException.NoNodeException | KeeperException.NodeExistsException e) {
                    // another writer's session died under us: fine
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
