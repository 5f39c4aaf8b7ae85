package io.zkmon.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mutex kazoo's {@code Semaphore} holds while it counts the lease holders under {@code locks/alerter} and creates
 * its lease: kazoo's {@code Lock} on the sibling node {@code locks/alerter-__lock__}, whose contenders are ephemeral
 * sequential nodes {@code <uuid hex>__lock__<seq>}, the lowest sequence holding it. A zkmon agent holds it while it
 * creates its candidate node, so that an old {@code zk_monitor} agent can never count the candidates, see none, and
 * take a lease after a zkmon agent checked for leases and found none: exactly one of the two sees the other.
 *
 * <p>The wait is bounded: a contender that does not go away (a stuck or forged node) delays a zkmon agent's joining by
 * at most {@link #WAIT_MILLIS}, after which it joins with a WARN; a lease that appears later still makes zkmon yield.
 * Only ephemeral contenders count, so a persistent node written by someone else never blocks.
 */
final class LegacyMutex {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyMutex.class);

    /** kazoo's {@code Lock} node-name marker; its sequence follows. */
    static final String MARKER = "__lock__";
    /** The longest a zkmon agent waits for kazoo's mutex before joining the election without it. */
    static final long WAIT_MILLIS = 5_000;

    private final CuratorFramework client;
    private final String dir;
    private final byte[] id;
    private final List<ACL> acl;

    /**
     * @param dir the mutex's node, {@link ClusterLayout#alerterMutex()}
     */
    LegacyMutex(CuratorFramework client, String dir, String agentName, List<ACL> acl) {
        this.client = client;
        this.dir = dir;
        this.id = agentName.getBytes(StandardCharsets.UTF_8);
        this.acl = acl;
    }

    /** Something done while holding the mutex. */
    interface Action<T> {
        T run() throws Exception;
    }

    /** Runs the action holding kazoo's mutex (or, after {@link #WAIT_MILLIS} without it, with a WARN). */
    <T> T holding(Action<T> action) throws Exception {
        String ours = acquire();
        try {
            return action.run();
        } finally {
            if (ours != null) {
                release(ours);
            }
        }
    }

    /** Our contender node once it holds the mutex, or null when the wait ran out. */
    private String acquire() throws Exception {
        String prefix = UUID.randomUUID().toString().replace("-", "") + MARKER;
        String ours;
        try {
            ours = Znodes.create(client, ZKPaths.makePath(dir, prefix), id, acl, CreateMode.EPHEMERAL_SEQUENTIAL);
        } catch (KeeperException.NoNodeException e) {
            Znodes.ensure(client, dir, acl);
            ours = Znodes.create(client, ZKPaths.makePath(dir, prefix), id, acl, CreateMode.EPHEMERAL_SEQUENTIAL);
        }
        String ourName = ZKPaths.getNodeFromPath(ours);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (true) {
            String before = predecessor(ourName);
            if (before == null) {
                return ours;
            }
            CountDownLatch gone = new CountDownLatch(1);
            Stat st = client.checkExists().usingWatcher((org.apache.zookeeper.Watcher) e -> gone.countDown())
                    .forPath(ZKPaths.makePath(dir, before));
            long left = deadline - System.nanoTime();
            if (st != null && (left <= 0 || !gone.await(left, TimeUnit.NANOSECONDS))) {
                LOG.warn("{}/{} has held the old zk_monitor daemon's alerter mutex for more than {} ms; joining the alerting election "
                        + "without it (a zk_monitor lease that appears later still makes zkmon yield)", dir,
                        ClusterLayout.printable(before), WAIT_MILLIS);
                release(ours);
                return null;
            }
        }
    }

    /** The ephemeral contender just before ours, or null when ours is first. */
    private String predecessor(String ourName) throws Exception {
        List<String> contenders = new ArrayList<>();
        for (String child : client.getChildren().forPath(dir)) {
            if (child.contains(MARKER)) {
                contenders.add(child);
            }
        }
        contenders.sort(Comparator.comparing(LegacyMutex::sequence));
        String before = null;
        for (String c : contenders) {
            if (c.equals(ourName)) {
                return before;
            }
            Stat st = client.checkExists().forPath(ZKPaths.makePath(dir, c));
            if (st != null && st.getEphemeralOwner() != 0) {
                before = c;
            }
        }
        throw KeeperException.create(KeeperException.Code.NONODE, ZKPaths.makePath(dir, ourName));
    }

    /** kazoo's sort key: the text after the marker (a zero-padded sequence). */
    static String sequence(String child) {
        int at = child.indexOf(MARKER);
        return at < 0 ? "~" : child.substring(at + MARKER.length());
    }

    private void release(String ours) {
        try {
            client.delete().guaranteed().forPath(ours);
        } catch (KeeperException.NoNodeException e) {
            LOG.debug("{} was gone already", ours);
        } catch (Exception e) {
            LOG.info("Could not release the old daemon's alerter mutex {} ({}); it goes with this agent's session", ours, e.toString());
        }
    }
}
