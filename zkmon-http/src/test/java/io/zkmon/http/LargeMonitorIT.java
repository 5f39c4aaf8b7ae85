package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.testing.ZkMonitorExtension;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 watched paths, 10 of them out of spec: the API serves them all from memory and the dashboard
 * puts the out-of-spec ones first and keeps the in-spec ones folded. Correctness only; speed is measured elsewhere.
 */
class LargeMonitorIT {

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    private static final int PATHS = 10_000;
    private static final int BROKEN = 10;

    private static HttpServer http;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        CuratorFramework c = zk.client();
        zk.ensure("/load");
        java.util.List<CuratorOp> batch = new java.util.ArrayList<>();
        for (int i = 0; i < PATHS; i++) {
            String node = String.format("/load/node-%05d", i);
            batch.add(c.transactionOp().create().forPath(node));
            if (i % (PATHS / BROKEN) != 7) {
                batch.add(c.transactionOp().create().forPath(node + "/member"));
            }
            if (batch.size() >= 1_000) {
                c.transaction().forOperations(batch);
                batch.clear();
            }
        }
        c.transaction().forOperations(batch);
        // concrete paths, not a glob: core adds glob matches one by one, re-sorting every entry each time (see the report)
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < PATHS; i++) {
            yaml.append(String.format("/load/node-%05d: {children: 1}%n", i));
        }
        ZkMonitor monitor = zk.monitor(yaml.toString());
        http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start();
        api = new Api(http);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void statusListsEveryPath() {
        JsonNode compliance = api.json("/status").at("/monitor/paths");

        assertThat(compliance.size()).isEqualTo(PATHS);
        assertThat(compliance.get("/load/node-00007").get("state").asText()).isEqualTo("Error");
        assertThat(compliance.get("/load/node-09999").get("state").asText()).isEqualTo("OK");
    }

    @Test
    void theApiFindsTheFewOutOfSpecPathsAndPagesTheRest() {
        JsonNode errors = api.json("/api/v1/paths?state=error");
        assertThat(errors.get("matched").asInt()).isEqualTo(BROKEN);
        assertThat(errors.get("paths")).hasSize(BROKEN).allSatisfy(p -> assertThat(p.get("path").asText()).endsWith("7"));

        JsonNode page = api.json("/api/v1/paths?state=ok&offset=9000&limit=100");
        assertThat(page.get("matched").asInt()).isEqualTo(PATHS - BROKEN);
        assertThat(page.get("paths")).hasSize(100);
        assertThat(page.at("/counts/OK").asInt()).isEqualTo(PATHS - BROKEN);

        JsonNode first = api.json("/api/v1/paths");
        assertThat(first.get("paths")).as("a listing without a limit is one page").hasSize(100);
        assertThat(first.get("next_offset").asInt()).isEqualTo(100);
        assertThat(api.json("/api/v1/paths?limit=" + PATHS).get("paths")).hasSize(PATHS);
        assertThat(api.json("/api/v1/summary").at("/paths/total").asInt()).isEqualTo(PATHS);
        assertThat(api.get("/metrics").body()).contains("zkmon_watched_paths 10000.0").contains("zkmon_paths{state=\"error\"} 10.0");
    }

    @Test
    void theDashboardShowsTheOutOfSpecPathsFirstAndFoldsTheRest() throws Exception {
        Chromium chromium = Chromium.find();

        String dom = chromium.dumpDom("http://127.0.0.1:" + http.port() + "/ui/", Duration.ofSeconds(8));

        assertThat(Chromium.row(dom, "/load/node-00007")).as(dom.length() > 5000 ? dom.substring(0, 5000) : dom).isNotNull();
        assertThat(Chromium.row(dom, "/load/node-00007").state()).isEqualTo("Error");
        assertThat(Chromium.rowCount(dom)).isEqualTo(BROKEN);
        assertThat(dom).containsPattern("id=\"n-ok\">9,990<").containsPattern("id=\"n-total\">10,000<")
                .contains("Collapsed: click “In spec” to list them.");
        assertThat(dom.indexOf("id=\"sec-error\"")).isLessThan(dom.indexOf("id=\"sec-ok\""));
    }

    @Test
    void theDashboardPagesTheInSpecPathsWhenOpenedAndFiltersThem() throws Exception {
        Chromium chromium = Chromium.find();

        String dom = chromium.dumpDom("http://127.0.0.1:" + http.port() + "/ui/#q=node-01&ok=open", Duration.ofSeconds(8));

        // node-01000 .. node-01999 match: 1,000 paths, one of them (node-01007) out of spec
        assertThat(Chromium.row(dom, "/load/node-01007").state()).isEqualTo("Error");
        assertThat(Chromium.row(dom, "/load/node-01000").state()).isEqualTo("OK");
        assertThat(Chromium.row(dom, "/load/node-02000")).isNull();
        assertThat(Chromium.rowCount(dom)).isEqualTo(1 + 100);
        assertThat(dom).contains("1–100 of 999").contains("1,000 of 10,000 paths match");
    }
}
