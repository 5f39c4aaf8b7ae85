package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.State;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.testkit.ServiceInstance;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nodes larger than one ZooKeeper reply may be (the client's {@code jute.maxbuffer}, 1 MiB by default) never switch
 * zkmon off: before, a read batch whose answer was too large dropped the connection, and the same batch went out again
 * after every reconnect, forever, so nothing was ever read. Now a node too large is read on its own, a child list too
 * long is counted from the node's stat, data too large is Unknown with a message naming the limit, and every other
 * path goes on alerting.
 */
class OversizedNodesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeLast = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeLast.size() - 1; i >= 0; i--) {
            closeLast.get(i).close();
        }
    }

    private <T extends AutoCloseable> T later(T c) {
        closeLast.add(c);
        return c;
    }

    /** 900 KiB of JSON and a {@code data: {json: ...}} rule, among 300 neighbours with 1 KiB of data each. */
    @Test
    void aNodeWith900KiBOfDataIsJudgedAndItsNeighboursStillAlert() throws Exception {
        ZooKeeperServerProcess server = later(ZooKeeperServerProcess.builder().dir(dir.resolve("zk")).start());
        CuratorFramework data = later(OldZooKeeperIT.client(server.connectString(), Duration.ofSeconds(30)));
        String huge = "{\"mode\": \"" + "x".repeat(900 * 1024) + "\"}";
        OldZooKeeperIT.ensure(data, "/cfg/big", huge);
        StringBuilder yaml = new StringBuilder("/cfg/big: {data: {json: {mode: active}}}\n");
        for (int i = 0; i < 300; i++) {
            OldZooKeeperIT.ensure(data, "/cfg/n" + i, "k".repeat(1024));
            yaml.append("/cfg/n").append(i).append(": {data: {regex: k}}\n");
        }
        ServiceInstance instance = later(ServiceInstance.register(server.connectString(), "/svc/api", "1", new byte[0]));
        yaml.append("/svc/api: {children: 1, alerter: {recording: big-data}}\n");
        RecordingAlerter alerts = RecordingAlerter.fresh("big-data");

        ZkMonitor m = monitor(server, yaml.toString());

        PathStatus big = m.status("/cfg/big");
        assertThat(big.state()).isEqualTo(State.ERROR);
        assertThat(big.message()).startsWith("Data field 'mode' is \"xxxx").contains("\u2026, expected \"active\"");
        assertThat(big.message().length()).isLessThanOrEqualTo(Compliance.MAX_MESSAGE);
        assertThat(m.status().paths()).filteredOn(p -> p.path().startsWith("/cfg/n")).hasSize(300)
                .allSatisfy(p -> assertThat(p.state()).isEqualTo(State.OK));

        instance.crash();
        assertThat(alerts.awaitFiring("/svc/api", WAIT).message()).isEqualTo("Found children (0) less than minimum (1)");
    }

    /**
     * 1.5 MiB of data, which a server with a raised {@code jute.maxbuffer} holds but this client cannot receive in one
     * reply: Unknown, naming the limit and the property that raises it; a neighbour read with it and another path's
     * alert are unaffected.
     */
    @Test
    void dataLargerThanOneReplyIsUnknownNamingTheLimit() throws Exception {
        ZooKeeperServerProcess server = later(ZooKeeperServerProcess.builder().dir(dir.resolve("zk"))
                .jvmOptions("-Djute.maxbuffer=4194304").start());
        CuratorFramework data = later(OldZooKeeperIT.client(server.connectString(), Duration.ofSeconds(30)));
        OldZooKeeperIT.ensure(data, "/cfg/huge", "x".repeat(1536 * 1024));
        OldZooKeeperIT.ensure(data, "/cfg/small", "ok");
        ServiceInstance instance = later(ServiceInstance.register(server.connectString(), "/svc/api", "1", new byte[0]));
        RecordingAlerter alerts = RecordingAlerter.fresh("huge-data");

        ZkMonitor m = monitor(server, """
                /cfg/huge: {data: {regex: x}}
                /cfg/small: {data: {regex: ok}}
                /svc/api: {children: 1, alerter: {recording: huge-data}}
                """);

        PathStatus huge = m.status("/cfg/huge");
        assertThat(huge.state()).as("%s", huge).isEqualTo(State.UNKNOWN);
        assertThat(huge.message()).startsWith("Cannot read the node's data: " + 1536 * 1024 + " bytes, more than one reply may hold "
                + "(jute.maxbuffer = 1048575 bytes); raise it with -Djute.maxbuffer=<bytes>");
        assertThat(m.status("/cfg/small").state()).isEqualTo(State.OK);

        instance.crash();
        assertThat(alerts.awaitFiring("/svc/api", WAIT).message()).isEqualTo("Found children (0) less than minimum (1)");
    }

    /**
     * 60,000 children with 20-byte names: about 1.4 MB of names, more than one reply holds. Counted from the node's
     * stat where no filter needs the names, Unknown with a clear message where one does, and a neighbour still alerts:
     * in persistent mode (the current server) and in one-shot mode (ZooKeeper 3.5.10).
     */
    @ParameterizedTest(name = "ZooKeeper {0}")
    @ValueSource(strings = {"current", "3.5.10"})
    void sixtyThousandChildrenAreCountedAndTheNeighboursStillAlert(String version) throws Exception {
        ZooKeeperServerProcess server = later(ZooKeeperServerProcess.builder().release(version).dir(dir.resolve("zk"))
                .jvmOptions("-Xmx512m").start());
        CuratorFramework data = later(OldZooKeeperIT.client(server.connectString(), Duration.ofSeconds(30)));
        OldZooKeeperIT.ensure(data, "/big", "");
        createChildren(data.getZookeeperClient().getZooKeeper(), "/big", 60_000);
        ServiceInstance instance = later(ServiceInstance.register(server.connectString(), "/svc/api", "1", new byte[0]));
        RecordingAlerter alerts = RecordingAlerter.fresh("big-list-" + version);

        ZkMonitor m = monitor(server, """
                /big: {children: {min: 50000}}
                /svc/api: {children: 1, alerter: {recording: ALERTS}}
                """.replace("ALERTS", "big-list-" + version));
        assertThat(m.server().orElseThrow().mode()).isEqualTo(version.equals("current")
                ? ServerInfo.WatchMode.PERSISTENT : ServerInfo.WatchMode.ONE_SHOT);

        PathStatus big = m.status("/big");
        assertThat(big.state()).as("%s", big).isEqualTo(State.OK);
        assertThat(big.childCount()).isEqualTo(60_000);
        assertThat(big.children()).isEmpty();

        data.getZookeeperClient().getZooKeeper().create("/big/" + name(60_000), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        await().atMost(WAIT).until(() -> m.status("/big").childCount() == 60_001);

        instance.crash();
        assertThat(alerts.awaitFiring("/svc/api", WAIT).message()).isEqualTo("Found children (0) less than minimum (1)");

        // a filter needs the names: Unknown, saying why and what to raise
        ZkMonitor filtered = monitor(server, "/big: {children: {min: 1, where: {json: {enabled: true}}}}\n");
        assertThat(filtered.status("/big").state()).isEqualTo(State.UNKNOWN);
        assertThat(filtered.status("/big").message()).startsWith("Cannot list the node's 60001 children: more than one reply may hold "
                + "(jute.maxbuffer = 1048575 bytes), and 'where' needs their names; raise it with -Djute.maxbuffer=<bytes>");
    }

    private ZkMonitor monitor(ZooKeeperServerProcess server, String yaml) throws Exception {
        CuratorFramework own = later(OldZooKeeperIT.client(server.connectString(), Duration.ofSeconds(30)));
        ZkMonitor m = later(ZkMonitor.builder().curator(own).configYaml(yaml).build());
        m.start();
        assertThat(m.awaitPrimed(WAIT)).as("primed: %s", m.status()).isTrue();
        return m;
    }

    /** A 20-byte child name. */
    private static String name(int i) {
        return String.format("instance-%011d", i);
    }

    /** Creates children with the plain async create every server knows, a few thousand in flight at a time. */
    private static void createChildren(ZooKeeper zk, String parent, int count) throws InterruptedException {
        Semaphore inFlight = new Semaphore(2_000);
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            zk.create(parent + "/" + name(i), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, (rc, path, ctx, n) -> {
                if (rc != Code.OK.intValue() && rc != Code.NODEEXISTS.intValue()) {
                    failed.incrementAndGet();
                }
                inFlight.release();
                done.countDown();
            }, null);
        }
        assertThat(done.await(5, TimeUnit.MINUTES)).isTrue();
        assertThat(failed.get()).isZero();
        assertThat(name(0).getBytes(StandardCharsets.UTF_8)).hasSize(20);
    }
}
