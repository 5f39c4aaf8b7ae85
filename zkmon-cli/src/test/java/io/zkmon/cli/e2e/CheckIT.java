package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zkmon check}: one evaluation, a Nagios status line and table, exit 0 / 1 / 2 / 3 by severity and what it could not see. */
class CheckIT {

    @TempDir
    static Path dir;
    private static ZooKeeperServerProcess zk;
    private static ZooKeeperData data;

    @BeforeAll
    static void seedScenario() throws Exception {
        zk = ZooKeeperServerProcess.start(dir.resolve("zk"));
        data = new ZooKeeperData(zk.connectString());
        data.instance("/services/foo/min_1", "a")
                .node("/services/foo/min_0")
                .instance("/services/foo/min_3", "a")
                .instance("/services/foo/min_3", "b");
    }

    @AfterAll
    static void stop() throws Exception {
        data.close();
        zk.close();
    }

    private static Path config(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void allInSpecExitsZero() throws Exception {
        Path file = config("ok.yaml", "/services/foo/min_1: {children: 1}\n/services/foo/min_0: {children: 0}\n");

        ZkmonProcess p = ZkmonProcess.run("check", "-z", zk.connectString(), "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).startsWith("ZKMON OK - all 2 paths in spec | paths=2 out_of_spec=0 unknown=0\n")
                .contains("/services/foo/min_1  OK").contains("All checks pass.");
    }

    @Test
    void outOfSpecExitsOneAndSaysWhy() throws Exception {
        Path file = config("seed.yaml", """
                /services/foo/min_1:
                  alerter: log
                  children: 1
                /services/foo/min_0:
                  children: 0
                /services/foo/min_3:
                  children: 3
                """);

        ZkmonProcess p = ZkmonProcess.run("check", "-z", zk.connectString(), "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isEqualTo(1);
        assertThat(p.stdout()).startsWith("ZKMON WARNING - 1 of 3 paths out of spec (warning: /services/foo/min_3) |")
                .containsPattern("/services/foo/min_3 +Error +warning +2 +Found children \\(2\\) less than minimum \\(3\\)");
        // a check never alerts, even with an alerter configured
        assertThat(p.stderr()).doesNotContain("ALERT");
    }

    @Test
    void severityGivesTheExitCode() throws Exception {
        Path file = config("severity.yaml", """
                paths:
                  /services/foo/min_3: {children: 3, severity: critical}
                  /services/foo/min_1: {children: 2}
                  /services/foo/min_0: {children: 1, severity: info}
                """);

        ZkmonProcess p = ZkmonProcess.run("check", "-z", zk.connectString(), "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
        assertThat(p.stdout()).startsWith("ZKMON CRITICAL - 3 of 3 paths out of spec (critical: /services/foo/min_3;"
                + " warning: /services/foo/min_1; info: /services/foo/min_0) |");

        Path infoOnly = config("info.yaml", "paths:\n  /services/foo/min_0: {children: 1, severity: info}\n");
        ZkmonProcess quiet = ZkmonProcess.run("check", "-z", zk.connectString(), "-f", infoOnly.toString());
        assertThat(quiet.exitCode()).as(quiet.output()).isZero();
        assertThat(quiet.stdout()).startsWith("ZKMON OK - 1 of 1 paths out of spec (info: /services/foo/min_0)");
    }

    @Test
    void anOldFormFileLoadsWithAWarningLoggedAndStrictRefusesIt() throws Exception {
        Path file = config("typo.yaml", "/services/foo/min_1:\n  children: 1\n  cancel_timout: 10\n");

        ZkmonProcess p = ZkmonProcess.run("check", "-z", zk.connectString(), "-f", file.toString());
        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stderr()).contains("(WARN) unknown key 'cancel_timout' in /services/foo/min_1 (ignored, as the old daemon did) at "
                + file + ":3:3; did you mean 'cancel_timeout'?");

        ZkmonProcess strict = ZkmonProcess.run("check", "--strict", "-z", zk.connectString(), "-f", file.toString());
        assertThat(strict.exitCode()).as(strict.output()).isEqualTo(3);
        assertThat(strict.stdout()).startsWith("ZKMON UNKNOWN - invalid config");
    }

    @Test
    void aBadConfigIsUnknown() throws Exception {
        Path file = config("bad.yaml", "/services/foo: {children: lots}\n");

        ZkmonProcess p = ZkmonProcess.run("check", "-z", zk.connectString(), "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isEqualTo(3);
        assertThat(p.stdout()).startsWith("ZKMON UNKNOWN - invalid config " + file + " (1 error): 'children' must be a whole number");
        assertThat(p.stderr()).contains(file + ":1:");
    }

    @Test
    void anUnreachableZooKeeperExitsThree() throws Exception {
        Path file = config("ok2.yaml", "/services/foo/min_1: {children: 1}\n");

        ZkmonProcess p = ZkmonProcess.run("check", "-z", "127.0.0.1:" + FreePorts.find(), "-f", file.toString(), "--timeout", "2s");

        assertThat(p.exitCode()).as(p.output()).isEqualTo(3);
        assertThat(p.stdout()).startsWith("ZKMON UNKNOWN - cannot reach ZooKeeper at 127.0.0.1:");
        assertThat(p.stderr()).doesNotContain("Exception");
    }

    @Test
    void aMissingNodeIsOutOfSpecNotUnknown() throws Exception {
        Path file = config("missing.yaml", "/services/nope: {children: 1}\n");

        ZkmonProcess p = ZkmonProcess.run("check", "-z", zk.connectString(), "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isEqualTo(1);
    }
}
