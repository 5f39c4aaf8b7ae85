package io.zkmon.cli;

import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/** The Curator client of a run, built from the command line; shared by the cluster and the monitor. */
final class ZooKeeperClients {

    private ZooKeeperClients() {
    }

    /**
     * A client (not started) for the settings' ensemble, session timeout, digest credentials, TLS and SASL. With
     * {@code --zookeeper_sasl FILE} the JAAS file becomes the JVM's JAAS configuration (the JDK reads it JVM-wide);
     * everything else goes into this client's own {@code ZKClientConfig}, which the engine's server probe reuses.
     */
    static CuratorFramework create(Settings s) {
        int session = (int) s.sessionTimeout().toMillis();
        CuratorFrameworkFactory.Builder b = CuratorFrameworkFactory.builder()
                .connectString(s.zookeeper())
                .sessionTimeoutMs(session)
                .connectionTimeoutMs(Math.min(15_000, session))
                // ZooKeeper reconnects by itself forever; this only paces retried operations
                .retryPolicy(new ExponentialBackoffRetry(500, 10, 10_000));
        if (s.security().any()) {
            s.security().installJaas();
            b.zkClientConfig(s.security().clientConfig());
        }
        if (s.hasCredentials()) {
            b.authorization("digest", (s.zookeeperUser() + ":" + s.zookeeperPassword()).getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }
}
