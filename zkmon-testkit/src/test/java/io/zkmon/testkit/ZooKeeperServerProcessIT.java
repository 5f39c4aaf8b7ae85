package io.zkmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ZooKeeper server in its own JVM: started from a classpath, asked its version, killed, restarted with its data. */
class ZooKeeperServerProcessIT {

    @TempDir
    Path dir;

    @Test
    void startsReportsItsVersionAndKeepsItsDataOverAKill() throws Exception {
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.builder().dir(dir).start()) {
            assertThat(zk.version()).startsWith(Version.getFullVersion().split("-")[0]);
            assertThat(Files.readString(zk.dir().resolve("zoo.cfg"))).contains("clientPort=" + zk.port());
            try (CuratorFramework c = connect(zk)) {
                c.create().forPath("/kept", "yes".getBytes(StandardCharsets.UTF_8));
            }

            zk.kill();
            assertThat(zk.isAlive()).isFalse();
            zk.restart();

            try (CuratorFramework c = connect(zk)) {
                assertThat(new String(c.getData().forPath("/kept"), StandardCharsets.UTF_8)).isEqualTo("yes");
            }
        }
    }

    private static CuratorFramework connect(ZooKeeperServerProcess zk) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(zk.connectString(), 10_000, 5_000, new RetryOneTime(100));
        c.start();
        assertThat(c.blockUntilConnected(10, TimeUnit.SECONDS)).as("connected to " + zk.connectString()).isTrue();
        return c;
    }
}
