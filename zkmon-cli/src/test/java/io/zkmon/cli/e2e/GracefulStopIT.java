package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM of the sender while it is busy (a delivery hanging on a slow receiver, paths changing): it hands alerting
 * over first thing, so the other agent takes over at once, long before the sender's session would have expired and
 * without waiting for the sender's deliveries to finish; the sender still exits 0 within its stop budget, and what goes
 * out of spec after the takeover is sent once, by the new sender.
 */
class GracefulStopIT {

    /** Long, so that a takeover through the session's expiry could never pass for a handover. */
    private static final Duration SESSION = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Agent(ZkmonProcess process, int port) {
        boolean alerting() {
            try {
                return process.isAlive() && StatusPage.get(port).at("/dispatcher/alerting").asBoolean();
            } catch (Exception e) {
                return false;
            }
        }
    }

    @Test
    void theOtherAgentTakesOverAtOnceWhenTheBusySenderIsStopped() throws Exception {
        assumeTrue(Jar.hasAlerterType("webhook") && Jar.hasHttp() && Jar.hasCluster(), "needs alerts, http and cluster in the jar");
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             HttpSink slow = HttpSink.start();
             HttpSink sink = HttpSink.start()) {
            slow.stall();
            data.instance("/svc/slow", "a").instance("/svc/api", "a");
            for (int i = 0; i < 50; i++) {
                data.instance("/svc/busy" + i, "a");
            }
            StringBuilder config = new StringBuilder("""
                    /svc/slow: {children: 1, cancel_timeout: 0s, alerter: {webhook: {url: "%s", timeout: 30s}}}
                    /svc/api: {children: 1, cancel_timeout: 0s, alerter: {webhook: "%s"}}
                    """.formatted(slow.url("/slow"), sink.url("/hook")));
            for (int i = 0; i < 50; i++) {
                config.append("/svc/busy%d: {children: 1, cancel_timeout: 5s, alerter: {webhook: \"%s\"}}\n".formatted(i, sink.url("/busy")));
            }
            Path file = Files.writeString(dir.resolve("cluster.yaml"), config);
            List<Agent> agents = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    int port = FreePorts.find();
                    agents.add(new Agent(ZkmonProcess.start("-z", zk.connectString(), "-f", file.toString(), "-p", String.valueOf(port),
                            "-c", "it", "--session_timeout", SESSION.toSeconds() + "s"), port));
                }
                Agent sender = awaitOneLeader(agents);
                Agent other = agents.get(0) == sender ? agents.get(1) : agents.get(0);

                // busy: a delivery hangs on the slow receiver, and paths keep flapping inside their grace period
                data.remove("/svc/slow/a");
                slow.awaitRequests(1, Duration.ofSeconds(30));
                for (int i = 0; i < 50; i++) {
                    data.remove("/svc/busy" + i + "/a");
                    data.instance("/svc/busy" + i, "a");
                }

                long stopped = System.nanoTime();
                sender.process().signal("TERM");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(other::alerting);
                long takeover = (System.nanoTime() - stopped) / 1_000_000;
                System.out.printf("takeover after SIGTERM of a busy sender: %d ms (session timeout %d ms)%n", takeover, SESSION.toMillis());
                assertThat(takeover).as("the stopping sender hands over first").isLessThan(2_000);
                assertThat(sender.process().awaitExit(Duration.ofSeconds(10))).isZero();

                data.remove("/svc/api/a");
                JsonNode firing = awaitOne(sink, "/svc/api");
                assertThat(firing.path("status").asText()).isEqualTo("firing");
                assertThat(firing.path("agent").asText()).isEqualTo(StatusPage.get(other.port()).at("/dispatcher/name").asText());
                Thread.sleep(2_000); // a second copy would arrive now
                assertThat(events(sink, "/svc/api")).hasSize(1);
            } finally {
                slow.release();
                agents.forEach(a -> a.process().close());
            }
        }
    }

    private static Agent awaitOneLeader(List<Agent> agents) {
        Agent[] leader = new Agent[1];
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                List<Agent> alerting = agents.stream().filter(Agent::alerting).toList();
                leader[0] = alerting.size() == 1 ? alerting.get(0) : null;
                return leader[0] != null;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder out = new StringBuilder("not exactly one agent alerting:");
            agents.forEach(a -> out.append('\n').append(a.process().output()));
            throw new AssertionError(out.toString(), e);
        }
        return leader[0];
    }

    private static JsonNode awaitOne(HttpSink sink, String path) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !events(sink, path).isEmpty());
        return events(sink, path).get(0);
    }

    private static List<JsonNode> events(HttpSink sink, String path) {
        List<JsonNode> out = new ArrayList<>();
        for (String body : sink.bodies()) {
            try {
                JsonNode n = JSON.readTree(body);
                if (n.path("path").asText().equals(path)) {
                    out.add(n);
                }
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
        return out;
    }
}
