package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.ZkMonitor;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.State;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.ServiceInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard, loaded by a real headless Chromium from a real server watching a real ZooKeeper. */
class DashboardIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final Duration SCRIPTS = Duration.ofSeconds(5);

    @Test
    void showsAnOutOfSpecPathAsSuchAndThenItsRecovery() throws Exception {
        Chromium chromium = Chromium.find();
        zk.delete("/services");
        zk.register("/services/web", "a");
        zk.register("/services/api", "a");
        ZkMonitor monitor = zk.monitor("""
                /services/web: {children: 2}
                /services/api: {children: 1}
                """);
        try (HttpServer http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start()) {
            String url = "http://127.0.0.1:" + http.port() + "/ui/";

            String before = chromium.dumpDom(url, SCRIPTS);

            Chromium.Row web = Chromium.row(before, "/services/web");
            assertThat(web).as(before).isNotNull();
            assertThat(web.state()).isEqualTo("Error");
            assertThat(web.html()).contains("Found children (1) less than minimum (2)").contains("1 child");
            assertThat(before).contains("<section id=\"sec-error\"").containsPattern("id=\"n-error\">1<");
            assertThat(Chromium.row(before, "/services/api").state()).isEqualTo("OK");
            assertThat(before).contains("ZooKeeper: connected").contains("data-agent=\"" + monitor.agentName() + "\"");

            ServiceInstance b = zk.register("/services/web", "b");
            await().atMost(Duration.ofSeconds(20)).until(() -> monitor.status("/services/web").state() == State.OK);

            String after = chromium.dumpDom(url, SCRIPTS);

            Chromium.Row recovered = Chromium.row(after, "/services/web");
            assertThat(recovered.state()).as(after).isEqualTo("OK");
            assertThat(recovered.html()).contains("All checks pass.").contains("2 children")
                    .contains("Error → OK");
            assertThat(after).containsPattern("id=\"n-error\">0<").contains("No path is out of spec.");
            b.close();
        }
    }

    /** Renders a realistic page to target/dashboard.png: the picture in docs/http.md is taken from it. */
    @Test
    void rendersAScreenshot() throws Exception {
        Chromium chromium = Chromium.find();
        zk.delete("/services");
        String[] services = {"api", "auth", "billing", "cart", "email", "images", "inventory", "payments", "search", "web"};
        int[] instances = {3, 2, 3, 3, 1, 2, 2, 0, 2, 1};
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < services.length; i++) {
            String parent = "/services/" + services[i] + "/instances";
            zk.ensure(parent);
            for (int j = 0; j < instances[i]; j++) {
                zk.register(parent, "i-" + j);
            }
            yaml.append(parent).append(": {children: 2}\n");
        }
        SilenceStore silences = SilenceStore.inMemory();
        ZkMonitor monitor = zk.monitor(yaml.toString(), b -> b.silenceStore(silences).clusterName("prod-zookeeper-monitor"));
        try (HttpServer http = HttpServer.builder().monitor(monitor).silences(silences).bind("127.0.0.1").port(0).build().start()) {
            silences.add(new Silence("s-1", "/services/payments/**", Instant.now().plus(Duration.ofHours(2)),
                    "payments migration, CHG-1234", "alice", Instant.now()));
            ServiceInstance gone = zk.register("/services/web/instances", "i-1");
            await().atMost(Duration.ofSeconds(20)).until(() -> monitor.status("/services/web/instances").state() == State.OK);
            gone.crash();
            await().atMost(Duration.ofSeconds(20)).until(() -> monitor.status("/services/web/instances").state() == State.ERROR);

            Path png = Path.of("target", "dashboard.png");
            chromium.screenshot("http://127.0.0.1:" + http.port() + "/ui/", png, 1280, 900, SCRIPTS);

            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
            assertThat(bytes.length).isGreaterThan(10_000);
        }
    }
}
