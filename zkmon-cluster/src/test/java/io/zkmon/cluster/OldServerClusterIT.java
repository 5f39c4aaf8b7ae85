package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster on ZooKeeper 3.4 and 3.5 servers, which have no persistent watches, no {@code create2} and no
 * {@code removeWatches} (sent any of them, they drop the connection): real standalone server processes of each
 * release, from the jars Maven copied into {@code target/zookeeper-<version>}. Two agents register and agree on one
 * sender; shared silences and alert state go through; the sender dies as on {@code kill -9} and the other takes over
 * within the session timeout with the state the dead one stored; a graceful stop hands over at once. The server's log
 * must show no request it did not know.
 */
class OldServerClusterIT {

    private static final Duration SESSION = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Deque<AutoCloseable> first = new ArrayDeque<>();

    private final TestAgent.Zk zk(ZooKeeperServerProcess server) {
        return new TestAgent.Zk() {
            @Override
            public String connectString() {
                return server.connectString();
            }

            @Override
            public <T extends AutoCloseable> T closeAfterTest(T resource) {
                resources.push(resource);
                return resource;
            }

            @Override
            public <T extends AutoCloseable> T closeFirst(T resource) {
                first.push(resource);
                return resource;
            }
        };
    }

    @AfterEach
    void closeAll() {
        for (Deque<AutoCloseable> d : List.of(first, resources)) {
            while (!d.isEmpty()) {
                try {
                    d.pop().close();
                } catch (Exception e) {
                    System.err.println("closing after the test: " + e);
                }
            }
        }
    }

    static ZooKeeperServerProcess server(String version) throws Exception {
        Path jars = Path.of("target", "zookeeper-" + version);
        if (!Files.isDirectory(jars)) {
            throw new IllegalStateException(jars + " is missing: run the integration tests through Maven (mvn verify), whose "
                    + "pre-integration-test phase copies ZooKeeper " + version + " there");
        }
        return ZooKeeperServerProcess.builder().classpathOf(jars).start();
    }

    @ParameterizedTest(name = "ZooKeeper {0}")
    @ValueSource(strings = {"3.4.14", "3.5.10"})
    void twoAgentsAgreeOnOneSenderShareStateAndSilencesAndSurviveAKill(String version) throws Exception {
        ZooKeeperServerProcess server = server(version);
        resources.push(server);
        assertThat(server.version()).startsWith(version);
        TestAgent.Zk zk = zk(server);

        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().session(SESSION).viaProxy());
        await().atMost(WAIT).until(a::leads);
        TestAgent b = TestAgent.start(zk, "b", TestAgent.options().session(SESSION));
        await().atMost(WAIT).until(() -> b.cluster.clusterView().agents().size() == 2 && "a".equals(b.cluster.clusterView().leader()));
        assertThat(b.leads()).isFalse();
        assertThat(b.cluster.clusterView().nextInLine()).isFalse();
        assertThat(a.cluster.clusterView().nextInLine()).isTrue();

        // silences: written on one agent, seen by the other through its one-shot watches
        Instant now = Instant.now();
        b.cluster.silenceStore().add(new Silence("s-1", "/svc/*", now.plus(Duration.ofHours(1)), "deploy", "ops", now));
        await().atMost(WAIT).until(() -> a.cluster.silenceStore().list().size() == 1);
        assertThat(b.cluster.silenceStore().remove("s-1")).isTrue();
        await().atMost(WAIT).until(() -> a.cluster.silenceStore().list().isEmpty());

        // the sender stores alert state (fenced transactions), then dies as on kill -9
        a.cluster.alertStateStore().loadAll();
        AlertState pending = new AlertState("/svc/api", now.minusSeconds(5), false, null, null, null, List.of());
        a.cluster.alertStateStore().put(pending);
        await().atMost(WAIT).until(() -> ((ZkClusterImpl) a.cluster).stateBacklog() == 0);
        long killed = System.nanoTime();
        a.kill();
        await().atMost(SESSION.plus(Duration.ofSeconds(10))).until(b::leads);
        long millis = (b.firstChange(true, killed).nanos() - killed) / 1_000_000;
        System.out.printf("ZooKeeper %s: takeover after kill -9 (connection cut): %d ms (session timeout %d ms)%n", version, millis,
                SESSION.toMillis());
        assertThat(millis).isLessThanOrEqualTo(SESSION.plusSeconds(2).toMillis());
        assertThat(b.cluster.alertStateStore().loadAll()).containsEntry("/svc/api", pending);
        await().atMost(WAIT).until(() -> "b".equals(b.cluster.clusterView().leader()));
        assertThat(b.cluster.clusterView().agents()).extracting(a2 -> a2.name()).containsExactly("b");

        // a graceful stop hands over at once, here too (one transaction deletes the lock node and the registration)
        TestAgent c = TestAgent.start(zk, "c", TestAgent.options().session(SESSION));
        await().atMost(WAIT).until(() -> c.cluster.clusterView().agents().size() == 2);
        long stopped = System.nanoTime();
        b.stop();
        await().atMost(Duration.ofSeconds(5)).until(c::leads);
        System.out.printf("ZooKeeper %s: takeover after a graceful stop: %d ms%n", version,
                (c.firstChange(true, stopped).nanos() - stopped) / 1_000_000);

        String log = Files.readString(server.logFile());
        assertThat(log).as("requests the server does not know drop the connection").doesNotContain("unknown type");
    }
}
