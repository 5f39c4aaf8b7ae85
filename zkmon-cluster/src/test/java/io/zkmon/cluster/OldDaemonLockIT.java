package io.zkmon.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkmon.core.ClusterView;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.testkit.ServiceInstance;
import io.zkmon.testkit.ZooKeeperExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling switch from the old zk_monitor daemon: its alerter lock, taken for real by Debian's {@code python3-kazoo}
 * exactly as the old daemon took it ({@code Semaphore(path, identifier, max_leases=1)}, {@code acquire(blocking=False)},
 * after registering under {@code agents/}). While the old agent holds its lease no zkmon agent sends; when it is gone
 * (killed), a zkmon agent takes over and sends what is due exactly once. And the other way round: an old agent that
 * starts after zkmon never gets the lease, so it never sends either; and one that counts the leases at the moment a
 * zkmon agent joins (held between its count and its create) is waited for, so the two never both find the lock free. Needs {@code python3} with kazoo; with
 * {@code ZKMON_REQUIRE_EXTERNAL=1} (CI) its absence is a failure, not a skip.
 */
class OldDaemonLockIT {

    @RegisterExtension
    final ZooKeeperExtension zk = ZooKeeperExtension.server();

    @TempDir
    Path dir;

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BASE = "/zk_monitor/zkmonitor";
    private static final String OLD_AGENT = "oldhost-4242";
    private static final String CONFIG = "/svc/x: {children: 1, cancel_timeout: 0s, alerter: {recording: legacy}}\n";

    private final List<Process> scripts = new CopyOnWriteArrayList<>();

    @AfterEach
    void killScripts() {
        scripts.forEach(Process::destroyForcibly);
    }

    @Test
    void noZkmonAgentSendsWhileTheOldDaemonHoldsItsLeaseAndOneSendsExactlyOnceWhenItIsGone() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("legacy");
        ServiceInstance instance = zk.register("/svc/x", "1");
        Script old = oldDaemon();
        assertThat(old.awaitLine()).isEqualTo("LEASED");

        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().monitor(CONFIG));
        ClusterView view = a.cluster.clusterView();
        await().atMost(WAIT).until(() -> OLD_AGENT.equals(view.legacySender()));
        assertThat(view.leader()).isNull();
        assertThat(a.leads()).isFalse();
        assertThat(view.agents()).extracting(ClusterView.Agent::name, ClusterView.Agent::version)
                .contains(org.assertj.core.groups.Tuple.tuple(OLD_AGENT, "zk_monitor"));
        assertThat(a.monitor.status().dispatcher().alerting()).isFalse();

        // (1) the path goes out of spec while the old daemon holds the lease: zkmon sends nothing
        instance.crash();
        alerts.assertNothingWithin(Duration.ofSeconds(3));
        assertThat(a.leads()).isFalse();

        // (2) the old daemon dies (kill -9): its session ends, its lease goes, and zkmon sends what is due, once
        long killed = System.nanoTime();
        old.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(a::leads);
        System.out.printf("zk_monitor agent killed: zkmon took over after %d ms (kazoo session timeout 4 s)%n",
                (a.firstChange(true, killed).nanos() - killed) / 1_000_000);
        assertThat(view.legacySender()).isNull();
        Notification n = alerts.awaitFiring("/svc/x", WAIT);
        assertThat(n.agent()).isEqualTo("a");
        alerts.assertNothingWithin(Duration.ofSeconds(2));
        assertThat(alerts.notifications("/svc/x")).containsExactly(n);
    }

    @Test
    void anOldDaemonThatStartsAfterZkmonNeverGetsTheLease() throws Exception {
        TestAgent a = TestAgent.start(zk, "a", TestAgent.options());
        await().atMost(WAIT).until(a::leads);
        Script old = oldDaemon();
        assertThat(old.awaitLine()).as("kazoo counts zkmon's candidate as a lease holder").isEqualTo("NOT-LEASED");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> a.leads()
                && a.cluster.clusterView().legacySender() == null);
    }

    @Test
    void aZkmonAgentJoiningWhileAnOldAgentCountsLeasesWaitsForItAndThenYieldsToItsLease() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("legacy");
        ServiceInstance instance = zk.register("/svc/x", "1");
        // the old agent holds kazoo's mutex and has counted no lease holder: it is about to take the lease
        Script old = oldDaemon("old_daemon_race.py");
        assertThat(old.awaitLine()).isEqualTo("COUNTED 0");

        TestAgent a = TestAgent.start(zk, "a", TestAgent.options().monitor(CONFIG));
        String mutex = BASE + "/locks/alerter-__lock__";
        await().atMost(WAIT).until(() -> zk.client().getChildren().forPath(mutex).size() == 2);
        assertThat(zk.client().getChildren().forPath(BASE + "/locks/alerter")).as("no candidate yet").isEmpty();
        assertThat(a.leads()).isFalse();

        old.say("go");
        assertThat(old.awaitLine()).isEqualTo("LEASED");
        ClusterView view = a.cluster.clusterView();
        await().atMost(WAIT).until(() -> OLD_AGENT.equals(view.legacySender()));
        instance.crash();
        alerts.assertNothingWithin(Duration.ofSeconds(3));
        assertThat(a.changes).as("zkmon never sent beside the old agent").noneMatch(TestAgent.Change::permitted);
    }

    private record Script(Process process, BufferedReader out) {
        void say(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        String awaitLine() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("the old daemon's script ended without a word (exit " + process.exitValue() + ")");
            }
            return line.trim();
        }
    }

    private Script oldDaemon() throws Exception {
        return oldDaemon("old_daemon_lock.py");
    }

    private Script oldDaemon(String name) throws Exception {
        String python = python();
        Path script = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder(python, script.toString(), zk.connectString(), BASE, OLD_AGENT).redirectErrorStream(true).start();
        scripts.add(p);
        return new Script(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }

    /** A python3 that has kazoo (Debian's python3-kazoo lives in /usr/bin/python3's path). */
    static String python() throws Exception {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import kazoo").redirectErrorStream(true).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not there: try the next
            }
        }
        String why = "needs python3 with kazoo (Debian: apt-get install python3-kazoo; .ci/run installs it)";
        if ("1".equals(System.getenv("ZKMON_REQUIRE_EXTERNAL"))) {
            fail(why);
        }
        assumeTrue(false, why);
        return null;
    }
}
