package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** People's mistakes end the daemon before it connects, with exit status 2, a message naming the mistake, and no stack trace. */
class BadInputIT {

    @TempDir
    Path dir;

    private static void assertNoStackTrace(ZkmonProcess p) {
        assertThat(p.stderr()).as(p.output()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBadConfigNamesFileLineColumnAndKeyBeforeConnecting() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "paths:\n /services/foo:\n  chidren: 1\n /services/bar:\n  children: many\n");

        // nothing listens on this port: a daemon that tried to connect would not exit on its own
        ZkmonProcess p = ZkmonProcess.run("-z", "127.0.0.1:" + FreePorts.find(), "-f", file.toString());

        assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
        assertThat(p.stderr()).contains("2 config errors")
                .contains("unknown key 'chidren' in /services/foo at " + file + ":3:3; did you mean 'children'?")
                .contains(file + ":5:");
        assertNoStackTrace(p);
    }

    @Test
    void aMissingConfigFile() throws Exception {
        ZkmonProcess p = ZkmonProcess.run("-f", dir.resolve("nope.yaml").toString());

        assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
        assertThat(p.stderr()).contains("cannot read config file (no such file)").contains("nope.yaml");
        assertNoStackTrace(p);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-p 0                      | --port: '0' is not a port number",
            "-p 70000                  | --port: '70000' is not a port number",
            "--port=http               | --port: 'http' is not a port number",
            "-l loud                   | --level: 'loud' is not a log level; use INFO, WARN, DEBUG or ERROR",
            "--session_timeout -5      | --session_timeout: '-5' is negative",
            "--session_timeout=soon    | --session_timeout: 'soon' is not a duration",
            "--log_format xml          | --log_format: 'xml' is not a log format",
            "-s local9                 | --syslog: 'local9' is not a syslog facility",
            "--bogus 1                 | unknown option '--bogus'",
            "--cluster_nam x           | did you mean '--cluster_name'?",
            "-z host:port              | --zookeeper port in 'host:port': 'port' is not a port number",
            "--port                    | option '--port' needs a value"})
    void aBadFlagIsNamedWithTheUsage(String flags, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), "/services/foo: {children: 1}\n");
        String[] args = (flags.trim() + " -f " + file).split(" ");
        if (flags.trim().equals("--port")) {
            args = new String[] {"-f", file.toString(), "--port"};
        }

        ZkmonProcess p = ZkmonProcess.run(args);

        assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
        assertThat(p.stderr()).startsWith("zkmon: ").contains(message).contains("Usage: zkmon");
        assertNoStackTrace(p);
    }

    @Test
    void aBadEnvironmentVariableIsNamed() throws Exception {
        ZkmonProcess p = ZkmonProcess.run(java.util.Map.of("HTTP_PORT", "eighty"), "-f", "x.yaml");

        assertThat(p.exitCode()).as(p.output()).isEqualTo(2);
        assertThat(p.stderr()).contains("HTTP_PORT (environment): 'eighty' is not a port number");
    }

    @Test
    void helpExitsZero() throws Exception {
        ZkmonProcess p = ZkmonProcess.run("--help");

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout()).contains("-z ZOOKEEPER, --zookeeper=ZOOKEEPER").contains("--cluster_name=CLUSTER_NAME")
                .contains("--cluster_prefix=CLUSTER_PREFIX").contains("-s SYSLOG, --syslog=SYSLOG").contains("demo").contains("ZOOKEEPER_HOST");
        assertThat(p.stderr()).isEmpty();
    }

    @Test
    void versionPrintsTheBareVersionOnItsFirstLineAsTheOldDaemonDid() throws Exception {
        ZkmonProcess p = ZkmonProcess.run("--version");

        assertThat(p.exitCode()).as(p.output()).isZero();
        assertThat(p.stdout().lines().findFirst().orElse("")).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(p.stdout()).contains("zkmon ", "Java ", "ZooKeeper client 3.");
    }

    @Test
    void aBadFlagToCheckIsUnknownAsNagiosPluginsSay() throws Exception {
        ZkmonProcess p = ZkmonProcess.run("check", "--bogus", "-f", "x.yaml");

        assertThat(p.exitCode()).as(p.output()).isEqualTo(3);
        assertThat(p.stdout()).startsWith("ZKMON UNKNOWN - unknown option '--bogus'");
        assertNoStackTrace(p);
    }

    @Test
    void theProcessDoesNotLingerAfterAMistake() throws Exception {
        ZkmonProcess p = ZkmonProcess.start("-p", "0");

        assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
    }
}
