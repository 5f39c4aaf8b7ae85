package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zkmon validate -f FILE}. */
class ValidateIT {

    @TempDir
    Path dir;

    @Test
    void aValidFilePrintsTheEffectiveConfig() throws Exception {
        Path file = Files.writeString(dir.resolve("paths.yaml"), """
                defaults:
                  cancel_timeout: 30s
                /services/foo/min_1:
                  alerter: log
                  children: 1
                /services/foo/min_0:
                  children: 0
                /services/foo/min_3:
                  children: 3
                  cancel_timeout: 5m
                """);

        ZkmonProcess p = ZkmonProcess.run("validate", "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).startsWith("# " + file + " is valid: 3 paths, 1 alerter\n")
                .contains("/services/foo/min_1:").contains("/services/foo/min_3:").contains("cancel_timeout: 5m").contains("cancel_timeout: 30s");
    }

    @Test
    void theDemoAndSeedExamplesAreValid() throws Exception {
        Path examples = Path.of(System.getProperty("zkmon.examples"));

        ZkmonProcess demo = ZkmonProcess.run("validate", "-f", examples.resolve("demo.yaml").toString());
        assertThat(demo.exitCode()).as(demo.output()).isZero();

        assumeTrue(Jar.hasAlerterType("email"), "the seed example emails: needs zkmon-alerts in the jar");
        ZkmonProcess seed = ZkmonProcess.run("validate", "-f", examples.resolve("seed.yaml").toString());
        assertThat(seed.exitCode()).as(seed.output()).isZero();
    }

    @Test
    void anInvalidFileExitsTwoWithEveryError() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                /services/foo:
                  children: -1
                services/bar:
                  children: 1
                """);

        ZkmonProcess p = ZkmonProcess.run("validate", "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
        assertThat(p.stderr()).contains("2 config errors").contains(file + ":2:").contains(file + ":3:1").contains("did you mean '/services/bar'");
        assertThat(p.stdout()).isEmpty();
    }

    @Test
    void secretsAreMasked() throws Exception {
        assumeTrue(Jar.hasAlerterType("email"), "needs zkmon-alerts (an alerter with a secret) in the jar");
        Path file = Files.writeString(dir.resolve("secret.yaml"), """
                alerters:
                  oncall:
                    type: email
                    to: ops@example.com
                    smtp: {host: mail.example.com, port: 587, username: zkmon, password: hunter2-s3cret}
                /services/foo:
                  children: 1
                  alerter: oncall
                """);

        ZkmonProcess p = ZkmonProcess.run("validate", "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).contains("oncall").doesNotContain("hunter2-s3cret").contains("****");
    }
}
