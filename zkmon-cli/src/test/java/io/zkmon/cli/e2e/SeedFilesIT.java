package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written for the old daemon load as it loaded them: its own {@code sample_config.yaml} and README example
 * unchanged, and what it ignored (an unknown key or alerter type) or completed (an address without a domain) as one
 * warning each, with file:line:col, while the path keeps working. {@code --strict} makes each warning an error.
 */
class SeedFilesIT {

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheAlerters() {
        assumeTrue(Jar.hasAlerterType("email") && Jar.hasAlerterType("hipchat"), "the old files use email and hipchat: needs zkmon-alerts");
    }

    private Path resource(String name) throws Exception {
        try (InputStream in = SeedFilesIT.class.getResourceAsStream("/seed/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    @Test
    void theOldDaemonsSampleConfigLoadsUnchanged() throws Exception {
        Path file = resource("sample_config.yaml");

        ZkmonProcess p = ZkmonProcess.run("validate", "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).startsWith("# " + file + " is valid: 1 path, 2 alerters\n")
                .contains("/services/path/to/service:", "on-call-team@yourcompany.com", "room: Engineering", "token: '****'",
                        "cancel_timeout: 10s")
                .doesNotContain("crazytoken");
    }

    @Test
    void theOldReadmeExampleLoadsUnchanged() throws Exception {
        Path file = resource("readme_example.yaml");

        ZkmonProcess p = ZkmonProcess.run("validate", "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).startsWith("# " + file + " is valid: 3 paths, 2 alerters\n").contains("your_buddy@home.com");
    }

    @Test
    void whatTheOldDaemonIgnoredOrCompletedIsAWarningAndThePathKeepsWorking() throws Exception {
        // the old daemon's own test config passed 'body' under alerter; its docs wrote hipchat settings as a list
        Path file = Files.writeString(dir.resolve("old.yaml"), """
                /foo:
                  children: 1
                  alerter:
                    email: unit@test.com root
                    body: Unit test body here.
                /services/food/barn:
                  alerter:
                    hipchat:
                     - room: Engineering
                     - from: zk_monitor
                     - token: t0ken
                  children: 1
                  cancel_timout: 10
                """);

        ZkmonProcess p = ZkmonProcess.run("validate", "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).startsWith("# " + file + " is valid: 2 paths, 2 alerters, 4 warnings\n")
                .contains("#   warning: 'root' in alerter 'email' has no domain; sent as it is, for the SMTP server to complete"
                        + " (as the old daemon did) at " + file + ":4:12")
                .contains("#   warning: unknown alerter type 'body' (available: ")
                .contains("ignored, as the old daemon did: the path is still watched, and alerts go to its other alerters at " + file + ":5:5")
                .contains("#   warning: the settings of alerter 'hipchat' of /services/food/barn are a list of one-key maps; read as one map")
                .contains("#   warning: unknown key 'cancel_timout' in /services/food/barn (ignored, as the old daemon did) at " + file
                        + ":13:3; did you mean 'cancel_timeout'?")
                .contains("settings: unit@test.com root", "from: zk_monitor", "token: '****'").doesNotContain("t0ken");

        ZkmonProcess strict = ZkmonProcess.run("validate", "--strict", "-f", file.toString());

        assertThat(strict.exitCode()).as(strict.output()).isEqualTo(2);
        assertThat(strict.stderr()).contains("config errors", "unknown key 'cancel_timout' in /services/food/barn at " + file + ":13:3",
                "'root' in alerter 'email' is not a valid email address (no domain");
    }
}
