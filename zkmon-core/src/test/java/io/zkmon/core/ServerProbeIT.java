package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
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
}
