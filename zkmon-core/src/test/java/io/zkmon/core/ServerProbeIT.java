package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.testkit.TestCertificates;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the server probe finds on real servers, with {@code srvr} and without it (as behind a TLS-only port, where a
 * plain socket gets no answer): 3.4 has no {@code /zookeeper/config}, 3.5 answers a throwaway session's
 * {@code addWatch} with UNIMPLEMENTED, 3.6+ accepts it. The session being probed is never sent an opcode the server
 * may not know: it stays connected throughout and reads afterwards.
 */
class ServerProbeIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "ZooKeeper {0}: {1} with srvr, {2} without")
    @CsvSource({"3.4.14, 3.4.14, ONE_SHOT", "3.5.10, 3.5.10, ONE_SHOT", "current, 3.9, PERSISTENT"})
    void findsTheModeWithAndWithoutSrvrAndNeverCutsTheSession(String release, String version, ServerInfo.WatchMode mode) throws Exception {
        try (ZooKeeperServerProcess server = ZooKeeperServerProcess.builder().release(release).dir(dir.resolve("zk")).start()) {
            CountDownLatch connected = new CountDownLatch(1);
            AtomicInteger cut = new AtomicInteger();
            ZooKeeper zk = new ZooKeeper(server.connectString(), 30_000, e -> {
                if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                } else if (e.getType() == Watcher.Event.EventType.None) {
                    cut.incrementAndGet();
                }
            });
            try {
                assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();

                ServerProbe.Result withSrvr = ServerProbe.detect(zk, true);
                assertThat(withSrvr.version()).startsWith(version);
                assertThat(withSrvr.mode()).isEqualTo(mode);

                ServerProbe.Result without = ServerProbe.detect(zk, false);
                assertThat(without.version()).isEqualTo("unknown");
                assertThat(without.mode()).as(without.how()).isEqualTo(mode);

                assertThat(zk.exists("/zookeeper", false)).as("the probed session still reads").isNotNull();
                assertThat(cut.get()).as("the probed session was never disconnected").isZero();
            } finally {
                zk.close();
            }
        }
    }

    @TempDir
    static Path certsDir;
    private static TestCertificates certs;

    private static synchronized TestCertificates certs() throws java.io.IOException {
        if (certs == null) {
            certs = TestCertificates.generate(certsDir.resolve("tls"));
        }
        return certs;
    }

    private static ZKClientConfig tls() throws java.io.IOException {
        ZKClientConfig tls = new ZKClientConfig();
        tls.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
        tls.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
        tls.setProperty("zookeeper.ssl.trustStore.location", certs().trustStore().toString());
        tls.setProperty("zookeeper.ssl.trustStore.password", certs().password());
        tls.setProperty("zookeeper.ssl.keyStore.location", certs().clientKeyStore().toString());
        tls.setProperty("zookeeper.ssl.keyStore.password", certs().password());
        return tls;
    }

    @Test
    void aMonitorThatOwnsItsClientConnectsWithTheClientConfigItIsGiven() throws Exception {
        try (ZooKeeperServerProcess server = ZooKeeperServerProcess.builder().dir(dir.resolve("zk")).tls(certs()).start();
             ZkMonitor monitor = ZkMonitor.builder().connectString(server.secureConnectString()).clientConfig(tls())
                     .configYaml("/zookeeper: {exists: true}").build().start()) {
            assertThat(monitor.awaitPrimed(java.time.Duration.ofSeconds(30))).isTrue();
            assertThat(monitor.server()).hasValueSatisfying(s -> {
                assertThat(s.version()).startsWith("3.9");
                assertThat(s.mode()).isEqualTo(ServerInfo.WatchMode.PERSISTENT);
            });
        }
    }

    @Test
    void overTlsItAsksSrvrOverTlsAndTheProbeSessionUsesTheSameTls() throws Exception {
        try (ZooKeeperServerProcess server = ZooKeeperServerProcess.builder().dir(dir.resolve("zk")).tls(certs()).start()) {
            ZKClientConfig tls = tls();
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper zk = new ZooKeeper(server.secureConnectString(), 30_000, e -> {
                if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            }, tls);
            try {
                assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();

                ServerProbe.Result withSrvr = ServerProbe.detect(zk, true);
                assertThat(withSrvr.version()).as(withSrvr.how()).startsWith("3.9");
                assertThat(withSrvr.mode()).isEqualTo(ServerInfo.WatchMode.PERSISTENT);

                ServerProbe.Result without = ServerProbe.detect(zk, false);
                assertThat(without.mode()).as(without.how()).isEqualTo(ServerInfo.WatchMode.PERSISTENT);
                assertThat(without.how()).contains("addWatch works");

                assertThat(ServerProbe.fourLetterWord(new java.net.InetSocketAddress("127.0.0.1", server.securePort()), "srvr"))
                        .as("a plain socket gets nothing from the TLS port").isNull();
            } finally {
                zk.close();
            }
        }
    }
}
