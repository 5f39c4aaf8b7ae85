package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.testkit.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code zkmon demo}, the README's first command: paths go out of spec, alerts show, Ctrl-C stops it. */
class DemoIT {

    @Test
    void showsPathsGoingOutOfSpecAndBackThenStopsOnCtrlC() throws Exception {
        int port = FreePorts.find();
        try (ZkmonProcess p = ZkmonProcess.start(List.of("-Dzkmon.home=" + System.getProperty("zkmon.examples") + "/.."),
                List.of("demo", "-p", String.valueOf(port)), Map.of())) {
            p.awaitOutput("Press Ctrl-C to stop.", Duration.ofSeconds(60));
            assertThat(p.stdout()).contains("zkmon ").contains(" demo").contains("examples/demo.yaml");
            if (Jar.hasHttp()) {
                assertThat(p.stdout()).contains("http://localhost:" + port + "/ui/");
                assertThat(StatusPage.get(port).at("/monitor/compliance").has("/services/web")).isTrue();
            }

            p.awaitOutput("OK -> ERROR", Duration.ofSeconds(60));
            p.awaitOutput("ALERT /services/web out of spec", Duration.ofSeconds(60));
            p.awaitOutput("RECOVERED /services/web back in spec", Duration.ofSeconds(60));
            assertThat(p.stdout()).as("the embedded ZooKeeper's and Curator's chatter stays out of the console")
                    .doesNotContain("org.apache.zookeeper").doesNotContain("org.apache.curator");
            assertThat(p.stderr()).isEmpty();

            long t0 = System.nanoTime();
            p.interrupt();
            assertThat(p.awaitExit(Duration.ofSeconds(10))).as(p.output()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(p.stdout()).endsWith("Stopped.\n");
        }
    }
}
