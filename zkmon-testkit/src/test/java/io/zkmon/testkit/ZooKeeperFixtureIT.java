package io.zkmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;

/** The fixture on its own, without JUnit's help: what the extension and zkmon's own tests build on. */
class ZooKeeperFixtureIT {

    @Test
    void instancesVanishWhenTheyCrashAndResourcesCloseWithoutTheServer() throws Exception {
        try (ZooKeeperFixture zk = ZooKeeperFixture.server()) {
            ServiceInstance a = zk.register("/services/orders", "a");
            zk.register("/services/orders", "b", "{\"enabled\": true}");
            assertThat(zk.client().getChildren().forPath("/services/orders")).containsExactlyInAnyOrder("a", "b");

            a.crash();
            assertThat(zk.client().getChildren().forPath("/services/orders")).containsExactly("b");

            zk.closeResources();
            await().atMost(Duration.ofSeconds(10)).until(() -> zk.client().getChildren().forPath("/services/orders").isEmpty());
        }
    }

    @Test
    void aStoppedServerComesBackWithItsData() throws Exception {
        try (ZooKeeperFixture zk = ZooKeeperFixture.server()) {
            zk.setData("/config", "v1");
            zk.stop();
            zk.start();
            assertThat(new String(zk.client().getData().forPath("/config"))).isEqualTo("v1");
            assertThatThrownBy(zk::members).hasMessageContaining("is for an ensemble");
        }
    }

    @Test
    void aProxyCutsOneClientOnly() throws Exception {
        try (ZooKeeperFixture zk = ZooKeeperFixture.server()) {
            TcpProxy proxy = zk.proxy();
            CuratorFramework behind = zk.newClient(proxy.connectString(), Duration.ofSeconds(10));
            zk.ensure("/p");
            assertThat(behind.checkExists().forPath("/p")).isNotNull();

            proxy.cut();
            await().atMost(Duration.ofSeconds(10)).until(() -> !behind.getZookeeperClient().isConnected());
            assertThat(zk.client().checkExists().forPath("/p")).isNotNull();

            proxy.heal();
            await().atMost(Duration.ofSeconds(20)).until(() -> behind.getZookeeperClient().isConnected());
        }
    }
}
