package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's minimal embedding ("Use it as a library"), compiled and run here, and checked to be in the README. */
class ReadmeEmbeddingIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final String SNIPPET = """
            CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, new ExponentialBackoffRetry(1000, 3));
            client.start();
            ZkMonitor monitor = ZkMonitor.builder()
                    .curator(client)
                    .configYaml("/services/orders/instances: {children: 2, alerter: log}")
                    .listener(new MonitorListener() {
                        @Override public void onTransition(Transition t) { System.out.println(t.path() + ": " + t.state()); }
                    })
                    .build()
                    .start();
            """;

    @Test
    void theMinimalEmbeddingRuns() throws Exception {
        zk.register("/services/orders/instances", "a");
        String connectString = zk.fixture().connectString();

        // --- README: "Use it as a library" ---
        CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, new ExponentialBackoffRetry(1000, 3));
        client.start();
        ZkMonitor monitor = ZkMonitor.builder()
                .curator(client)
                .configYaml("/services/orders/instances: {children: 2, alerter: log}")
                .listener(new MonitorListener() {
                    @Override public void onTransition(Transition t) { System.out.println(t.path() + ": " + t.state()); }
                })
                .build()
                .start();
        // --- end ---

        try (client; monitor) {
            monitor.awaitPrimed(Duration.ofSeconds(30));
            assertThat(monitor.status().paths()).singleElement().satisfies(p -> assertThat(p.state()).isEqualTo(State.ERROR));
        }
    }

    @Test
    void theReadmeShowsTheSnippetAndTheCoordinates() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../README.md"));
        assertThat(readme).contains(SNIPPET.stripTrailing());
        assertThat(readme).contains("<groupId>io.zkmon</groupId>", "<artifactId>zkmon-core</artifactId>",
                "<artifactId>zkmon-bom</artifactId>");
    }
}
