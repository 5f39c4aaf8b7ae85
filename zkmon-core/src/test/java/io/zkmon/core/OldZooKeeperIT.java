package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.testkit.ServiceInstance;
import io.zkmon.testkit.Sessions;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine on real ZooKeeper 3.4.14 and 3.5.10 servers (one-shot watches), and on the current one (persistent
 * watches): the same scenario gives the same transitions on each. Paths, child counts, a glob that finds a new match,
 * children filtered by their data, data rules, a server restart (Unknown, no alert, every state right after) and a
 * session expiry (a new session, watched again).
 */
class OldZooKeeperIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ON = "{\"enabled\": true}";
    private static final String OFF = "{\"enabled\": false}";

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

    @ParameterizedTest(name = "ZooKeeper {0}")
    @ValueSource(strings = {"3.4.14", "3.5.10", "current"})
    void theSameTransitionsOnEveryServer(String version) throws Exception {
        ZooKeeperServerProcess server = later(ZooKeeperServerProcess.builder().release(version).dir(dir.resolve("zk")).start());
        String connect = server.connectString();
        CuratorFramework data = later(client(connect, Duration.ofSeconds(30)));
        instance(connect, "/svc/api", "1", ON);
        ServiceInstance api2 = instance(connect, "/svc/api", "2", ON);
        instance(connect, "/svc/web", "1", ON);
        ensure(data, "/cfg", "{\"mode\": \"active\"}");

        RecordingAlerter alerts = RecordingAlerter.fresh("old-" + version);
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        CuratorFramework own = later(client(connect, Duration.ofSeconds(10)));
        ZkMonitor m = later(ZkMonitor.builder().curator(own).configYaml("""
                /svc/*:
                  children: {min: 2, where: {json: {enabled: true}}}
                  alerter: {recording: ALERTS}
                /cfg:
                  data: {json: {mode: active}, regex: active}
                  alerter: {recording: ALERTS}
                /gone:
                  exists: false
                /needed: {}
                """.replace("ALERTS", "old-" + version)).listener(new MonitorListener() {
                    @Override
                    public void onTransition(Transition t) {
                        seen.computeIfAbsent(t.path(), p -> new CopyOnWriteArrayList<>()).add(t.state().display() + ": " + t.current().message());
                    }
                }).build());
        m.start();
        assertThat(m.awaitPrimed(WAIT)).as("primed: %s", m.status()).isTrue();
        ServerInfo.WatchMode mode = version.equals("current") ? ServerInfo.WatchMode.PERSISTENT : ServerInfo.WatchMode.ONE_SHOT;
        assertThat(m.server()).hasValueSatisfying(s -> {
            assertThat(s.mode()).isEqualTo(mode);
            assertThat(s.version()).matches("3\\.\\d+\\.\\d+");
        });
        if (!version.equals("current")) {
            assertThat(m.server().orElseThrow().version()).isEqualTo(version);
        }
        awaitState(m, "/svc/web", "Error: Found matching children (1 of 1) less than minimum (2)");
        awaitState(m, "/needed", "Error: Node does not exist");

        instance(connect, "/svc/web", "2", ON);
        awaitState(m, "/svc/web", "OK: All checks pass.");
        api2.setData(OFF);
        awaitState(m, "/svc/api", "Error: Found matching children (1 of 2) less than minimum (2)");
        api2.crash();
        awaitState(m, "/svc/api", "Error: Found matching children (1 of 1) less than minimum (2)");
        instance(connect, "/svc/new", "1", ON);
        instance(connect, "/svc/new", "2", ON);
        awaitState(m, "/svc/new", "OK: All checks pass.");
        data.setData().forPath("/cfg", "{\"mode\": \"standby\"}".getBytes(StandardCharsets.UTF_8));
        awaitState(m, "/cfg", "Error: Data field 'mode' is \"standby\", expected \"active\"; Data does not match /active/");
        ensure(data, "/gone", "");
        awaitState(m, "/gone", "Error: Node exists but should not");
        data.delete().forPath("/gone");
        awaitState(m, "/gone", "OK: All checks pass.");
        ensure(data, "/needed", "");
        awaitState(m, "/needed", "OK: All checks pass.");

        // the new service's two instances register one after the other: it may be seen with one first
        assertThat(seen.remove("/svc/new")).last().isEqualTo("OK: All checks pass.");
        assertThat(new TreeMap<>(seen)).isEqualTo(new TreeMap<>(Map.of(
                "/cfg", List.of("OK: All checks pass.", "Error: Data field 'mode' is \"standby\", expected \"active\"; Data does not match /active/"),
                "/gone", List.of("OK: All checks pass.", "Error: Node exists but should not", "OK: All checks pass."),
                "/needed", List.of("Error: Node does not exist", "OK: All checks pass."),
                "/svc/api", List.of("OK: All checks pass.", "Error: Found matching children (1 of 2) less than minimum (2)",
                        "Error: Found matching children (1 of 1) less than minimum (2)"),
                "/svc/web", List.of("Error: Found matching children (1 of 1) less than minimum (2)", "OK: All checks pass."))));

        // our own trouble never raises a path alert: a server restart, then a session expiry
        await().atMost(WAIT).until(() -> alerts.notifications().size() >= 3);
        alerts.clear();
        seen.clear();
        server.stop();
        await().atMost(WAIT).until(() -> !m.status().connected());
        assertThat(m.status().paths()).allSatisfy(p -> assertThat(p.state()).isEqualTo(State.UNKNOWN));
        assertThat(m.server()).isEmpty();
        server.restart();
        await().atMost(WAIT).until(() -> m.status().connected() && m.status().primed());
        awaitState(m, "/svc/web", "OK: All checks pass.");
        assertThat(m.server()).hasValueSatisfying(s -> assertThat(s.mode()).isEqualTo(mode));
        instance(connect, "/svc/api", "3", ON);
        awaitState(m, "/svc/api", "OK: All checks pass.");

        ZooKeeper before = own.getZookeeperClient().getZooKeeper();
        Sessions.expire(own, connect);
        await().atMost(WAIT).until(() -> own.getZookeeperClient().getZooKeeper() != before && m.status().connected() && m.status().primed());
        instance(connect, "/svc/web", "3", OFF);
        await().atMost(WAIT).until(() -> m.status("/svc/web").childCount() == 3);
        data.setData().forPath("/cfg", "{\"mode\": \"active\"}".getBytes(StandardCharsets.UTF_8));
        awaitState(m, "/cfg", "OK: All checks pass.");
        assertThat(alerts.notifications()).as("only recoveries, no alert from the restart or the expiry")
                .allSatisfy(n -> assertThat(n.firing()).isFalse());
        assertThat(own.getZookeeperClient().isConnected()).isTrue();
    }

    private void awaitState(ZkMonitor m, String path, String expected) {
        await().atMost(WAIT).untilAsserted(() -> {
            PathStatus s = m.status(path);
            assertThat(s).as(path).isNotNull();
            assertThat(s.state().display() + ": " + s.message()).as(path).isEqualTo(expected);
        });
    }

    private ServiceInstance instance(String connect, String parent, String name, String json) throws Exception {
        return later(ServiceInstance.register(connect, parent, name, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A persistent node with its parents, created with the plain {@code create} every server version knows. */
    static void ensure(CuratorFramework c, String path, String text) throws Exception {
        ZooKeeper zk = c.getZookeeperClient().getZooKeeper();
        ZKPaths.mkdirs(zk, ZKPaths.getPathAndNode(path).getPath());
        try {
            zk.create(path, text.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            zk.setData(path, text.getBytes(StandardCharsets.UTF_8), -1);
        }
    }

    static CuratorFramework client(String connect, Duration session) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(connect, (int) session.toMillis(), 10_000, new ExponentialBackoffRetry(100, 10, 1_000));
        c.start();
        if (!c.blockUntilConnected(20, TimeUnit.SECONDS)) {
            c.close();
            throw new IllegalStateException("cannot connect to " + connect);
        }
        return c;
    }
}
