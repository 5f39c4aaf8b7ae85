package io.zkmon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zkmon.http.StatusFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsResolverTest {

    private final Map<String, String> env = new HashMap<>();

    private Settings resolve(String... args) throws UsageException {
        return SettingsResolver.resolve(args, env);
    }

    private UsageException mistake(String... args) {
        UsageException e = catchThrowableOfType(UsageException.class, () -> resolve(args));
        assertThat(e).as("expected a usage error for %s", String.join(" ", args)).isNotNull();
        return e;
    }

    @Nested
    class TheOldDaemonsCommandLine {

        @Test
        void runsUnchangedWithTheOldDefaults() throws Exception {
            Settings s = resolve("-l", "INFO", "-z", "localhost:2181", "-f", "test.yaml");

            assertThat(s.command()).isEqualTo(Command.DAEMON);
            assertThat(s.level()).isEqualTo(LogLevel.INFO);
            assertThat(s.zookeeper()).isEqualTo("localhost:2181");
            assertThat(s.configFile()).isEqualTo(Path.of("test.yaml"));
            assertThat(s.clusterName()).isEqualTo("zkmonitor");
            assertThat(s.clusterPrefix()).isEqualTo("/zk_monitor");
            assertThat(s.port()).isEqualTo(8080);
            assertThat(s.bind()).isEqualTo("0.0.0.0");
            assertThat(s.sessionTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(s.syslogFacility()).isNull();
            assertThat(s.logFormat()).isEqualTo(LogFormat.TEXT);
            assertThat(s.zookeeperUser()).isNull();
            assertThat(s.apiToken()).isNull();
        }

        @Test
        void defaultsToLocalhostAndWarn() throws Exception {
            Settings s = resolve("-f", "test.yaml");

            assertThat(s.zookeeper()).isEqualTo("localhost:2181");
            assertThat(s.level()).isEqualTo(LogLevel.WARN);
        }

        @Test
        void takesEveryLongFlagWithASpaceOrAnEqualsSign() throws Exception {
            Settings s = resolve("--zookeeper=zk1:2181,zk2:2181/chroot", "--zookeeper_user", "bob", "--zookeeper_pass=secret",
                    "--cluster_name", "prod-zookeeper-monitor", "--cluster_prefix=/monitors", "--file", "paths.yaml", "--port=9090",
                    "--level", "debug", "--syslog=local0");

            assertThat(s.zookeeper()).isEqualTo("zk1:2181,zk2:2181/chroot");
            assertThat(s.zookeeperUser()).isEqualTo("bob");
            assertThat(s.zookeeperPassword()).isEqualTo("secret");
            assertThat(s.clusterName()).isEqualTo("prod-zookeeper-monitor");
            assertThat(s.clusterPrefix()).isEqualTo("/monitors");
            assertThat(s.configFile()).isEqualTo(Path.of("paths.yaml"));
            assertThat(s.port()).isEqualTo(9090);
            assertThat(s.level()).isEqualTo(LogLevel.DEBUG);
            assertThat(s.syslogFacility()).isEqualTo("LOCAL0");
        }

        @Test
        void takesShortFlagsSeparatedOrGlued() throws Exception {
            Settings s = resolve("-zzk:2181", "-c", "prod", "-fpaths.yaml", "-p9090", "-lerror", "-s", "daemon");

            assertThat(s.zookeeper()).isEqualTo("zk:2181");
            assertThat(s.clusterName()).isEqualTo("prod");
            assertThat(s.configFile()).isEqualTo(Path.of("paths.yaml"));
            assertThat(s.port()).isEqualTo(9090);
            assertThat(s.level()).isEqualTo(LogLevel.ERROR);
            assertThat(s.syslogFacility()).isEqualTo("DAEMON");
        }

        @ParameterizedTest
        @ValueSource(strings = {"--cluster_name", "--cluster-name", "-c"})
        void acceptsBothSpellingsOfTheClusterName(String flag) throws Exception {
            assertThat(resolve("-f", "x.yaml", flag, "blue").clusterName()).isEqualTo("blue");
        }

        @Test
        void acceptsKebabCaseForEverySnakeCaseFlag() throws Exception {
            Settings s = resolve("-f", "x.yaml", "--zookeeper-user", "u", "--zookeeper-pass", "p", "--cluster-prefix", "/m",
                    "--api-token", "t", "--session-timeout", "10s", "--log-format", "json");

            assertThat(s.zookeeperUser()).isEqualTo("u");
            assertThat(s.clusterPrefix()).isEqualTo("/m");
            assertThat(s.apiToken()).isEqualTo("t");
            assertThat(s.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(s.logFormat()).isEqualTo(LogFormat.JSON);
        }

        @ParameterizedTest
        @CsvSource({"INFO,INFO", "info,INFO", "Warn,WARN", "WARNING,WARN", "debug,DEBUG", "ERROR,ERROR"})
        void takesLevelsInAnyCase(String given, LogLevel expected) throws Exception {
            assertThat(resolve("-f", "x.yaml", "-l", given).level()).isEqualTo(expected);
        }

        @Test
        void letsTheLastOccurrenceOfAFlagWin() throws Exception {
            assertThat(resolve("-f", "x.yaml", "-p", "1000", "-p", "2000").port()).isEqualTo(2000);
        }
    }

    @Nested
    class NewFlags {

        @Test
        void bindApiTokenSessionTimeoutAndLogFormat() throws Exception {
            Settings s = resolve("-f", "x.yaml", "--bind", "127.0.0.1", "--api_token", "tok", "--session_timeout", "45", "--log_format", "JSON");

            assertThat(s.bind()).isEqualTo("127.0.0.1");
            assertThat(s.apiToken()).isEqualTo("tok");
            assertThat(s.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(s.logFormat()).isEqualTo(LogFormat.JSON);
        }

        @Test
        void sessionTimeoutTakesUnits() throws Exception {
            assertThat(resolve("-f", "x.yaml", "--session_timeout", "1500ms").sessionTimeout()).isEqualTo(Duration.ofMillis(1500));
            assertThat(resolve("-f", "x.yaml", "--session_timeout", "2m").sessionTimeout()).isEqualTo(Duration.ofMinutes(2));
        }

        @Test
        void statusFormatIsZkmonsUnlessTheOldDaemonsIsAskedFor() throws Exception {
            assertThat(resolve("-f", "x.yaml").statusFormat()).isEqualTo(StatusFormat.ZKMON);
            assertThat(resolve("-f", "x.yaml", "--status_format", "zk_monitor-0.1").statusFormat())
                    .isEqualTo(StatusFormat.ZK_MONITOR_0_1);
            assertThat(resolve("-f", "x.yaml", "--status-format=zkmon").statusFormat()).isEqualTo(StatusFormat.ZKMON);
            assertThat(resolve("-f", "x.yaml", "--status_format", "zk_monitor-0.1").describe())
                    .contains("status_format=zk_monitor-0.1");
        }

        @Test
        void anUnknownStatusFormatNamesTheValidOnes() {
            assertThat(mistake("-f", "x.yaml", "--status_format", "seed").getMessage())
                    .contains("--status_format: 'seed' is not a /status format; use zkmon or zk_monitor-0.1");
        }
    }

    @Nested
    class Environment {

        @Test
        void zookeeperHostAndPortAsTheOldEntrypointSetThem() throws Exception {
            env.put("ZOOKEEPER_HOST", "zk.internal");
            env.put("ZOOKEEPER_PORT", "2182");

            assertThat(resolve("-f", "x.yaml").zookeeper()).isEqualTo("zk.internal:2182");
        }

        @Test
        void zookeeperHostAloneUsesItAsItIs() throws Exception {
            env.put("ZOOKEEPER_HOST", "zk1:2181,zk2:2181");

            assertThat(resolve("-f", "x.yaml").zookeeper()).isEqualTo("zk1:2181,zk2:2181");
        }

        @Test
        void zookeeperWinsOverHostAndPort() throws Exception {
            env.put("ZOOKEEPER", "a:1,b:2");
            env.put("ZOOKEEPER_HOST", "c");

            assertThat(resolve("-f", "x.yaml").zookeeper()).isEqualTo("a:1,b:2");
        }

        @Test
        void everyFallback() throws Exception {
            env.put("HTTP_PORT", "9999");
            env.put("LOG_LEVEL", "debug");
            env.put("CONFIG_FILE", "/etc/zkmon/paths.yaml");
            env.put("ZKMON_API_TOKEN", "from-env");
            env.put("SMTP_HOST", "mail");
            env.put("SMTP_PORT", "2525");

            Settings s = resolve();

            assertThat(s.port()).isEqualTo(9999);
            assertThat(s.level()).isEqualTo(LogLevel.DEBUG);
            assertThat(s.configFile()).isEqualTo(Path.of("/etc/zkmon/paths.yaml"));
            assertThat(s.apiToken()).isEqualTo("from-env");
        }

        @Test
        void aFlagWinsOverItsVariable() throws Exception {
            env.put("ZOOKEEPER", "env:2181");
            env.put("HTTP_PORT", "9999");
            env.put("LOG_LEVEL", "debug");
            env.put("CONFIG_FILE", "env.yaml");
            env.put("ZKMON_API_TOKEN", "env-token");

            Settings s = resolve("-z", "flag:2181", "-p", "1234", "-l", "error", "-f", "flag.yaml", "--api_token", "flag-token");

            assertThat(s.zookeeper()).isEqualTo("flag:2181");
            assertThat(s.port()).isEqualTo(1234);
            assertThat(s.level()).isEqualTo(LogLevel.ERROR);
            assertThat(s.configFile()).isEqualTo(Path.of("flag.yaml"));
            assertThat(s.apiToken()).isEqualTo("flag-token");
        }

        @Test
        void zookeeperCredentialsFromTheEnvironmentKeepThemOutOfPs() throws Exception {
            env.put("ZKMON_ZOOKEEPER_USER", "bob");
            env.put("ZKMON_ZOOKEEPER_PASS", "pw");

            Settings s = resolve("-f", "x.yaml");

            assertThat(s.zookeeperUser()).isEqualTo("bob");
            assertThat(s.zookeeperPassword()).isEqualTo("pw");
        }

        @Test
        void emptyVariablesAreIgnored() throws Exception {
            env.put("HTTP_PORT", "");
            env.put("LOG_LEVEL", " ");
            env.put("ZOOKEEPER", "");

            Settings s = resolve("-f", "x.yaml");

            assertThat(s.port()).isEqualTo(8080);
            assertThat(s.level()).isEqualTo(LogLevel.WARN);
            assertThat(s.zookeeper()).isEqualTo("localhost:2181");
        }

        @Test
        void aBadVariableIsNamed() {
            env.put("HTTP_PORT", "eighty");

            assertThat(mistake("-f", "x.yaml").getMessage()).contains("HTTP_PORT").contains("'eighty'").contains("1-65535");
        }

        @Test
        void aBadSmtpPortIsReportedAtStartRatherThanAtTheFirstAlert() {
            env.put("SMTP_PORT", "smtp");

            assertThat(mistake("-f", "x.yaml").getMessage()).contains("SMTP_PORT");
        }

        @Test
        void aBadLogLevelVariableIsNamed() {
            env.put("LOG_LEVEL", "loud");

            assertThat(mistake("-f", "x.yaml").getMessage()).contains("LOG_LEVEL").contains("INFO, WARN, DEBUG or ERROR");
        }
    }

    @Nested
    class Mistakes {

        @ParameterizedTest
        @ValueSource(strings = {"0", "70000", "-1", "abc", "80.5"})
        void aPortOutOfRangeOrNotANumber(String port) {
            UsageException e = mistake("-f", "x.yaml", "-p", port);

            assertThat(e.getMessage()).startsWith("--port: '" + port + "'").contains("1-65535");
            assertThat(e.command()).isEqualTo(Command.DAEMON);
        }

        @Test
        void anUnknownLevel() {
            assertThat(mistake("-f", "x.yaml", "-l", "verbose").getMessage())
                    .isEqualTo("--level: 'verbose' is not a log level; use INFO, WARN, DEBUG or ERROR");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-5", "-5s", "--session_timeout=-1"})
        void aNegativeSessionTimeout(String value) {
            String[] args = value.startsWith("--") ? new String[] {"-f", "x.yaml", value} : new String[] {"-f", "x.yaml", "--session_timeout", value};

            assertThat(mistake(args).getMessage()).startsWith("--session_timeout").contains("negative");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0s", "500ms", "11m", "soon"})
        void aSessionTimeoutOutOfRangeOrNotADuration(String value) {
            assertThat(mistake("-f", "x.yaml", "--session_timeout", value).getMessage()).startsWith("--session_timeout");
        }

        @Test
        void anUnknownLogFormat() {
            assertThat(mistake("-f", "x.yaml", "--log_format", "xml").getMessage()).contains("--log_format").contains("text or json");
        }

        @Test
        void anUnknownSyslogFacility() {
            assertThat(mistake("-f", "x.yaml", "-s", "local9").getMessage()).contains("--syslog").contains("local0").contains("daemon");
        }

        @Test
        void anUnknownOptionWithTheNearestOne() {
            assertThat(mistake("-f", "x.yaml", "--cluster_nam", "x").getMessage())
                    .isEqualTo("unknown option '--cluster_nam'; did you mean '--cluster_name'?");
            assertThat(mistake("-f", "x.yaml", "--zookeper=x").getMessage()).contains("'--zookeper'").contains("'--zookeeper'");
        }

        @Test
        void anOptionWithoutItsValue() {
            assertThat(mistake("-f", "x.yaml", "--port").getMessage()).contains("--port").contains("needs a value");
        }

        @Test
        void anUnexpectedArgument() {
            assertThat(mistake("-f", "x.yaml", "stray").getMessage()).contains("unexpected argument 'stray'");
        }

        @Test
        void anUnknownCommand() {
            assertThat(mistake("start").getMessage()).contains("unknown command 'start'").contains("demo, validate and check");
        }

        @Test
        void aConfigFileGivenWithoutMinusF() {
            assertThat(mistake("-z", "zk:2181", "-f", "a.yaml", "b.yaml").getMessage()).contains("-f b.yaml");
        }

        @Test
        void noConfigFileForTheDaemon() {
            assertThat(mistake("-z", "zk:2181").getMessage()).contains("-f FILE").contains("CONFIG_FILE");
        }

        @Test
        void aFlagMistakeIsReportedBeforeTheMissingFile() {
            assertThat(mistake("-l", "bogus").getMessage()).contains("--level");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "zk:port", "zk:0", "zk:2181,,zk2", "a b:1", "zk:2181/bad//chroot"})
        void aBadConnectString(String zookeeper) {
            assertThat(mistake("-f", "x.yaml", "-z", zookeeper).getMessage()).startsWith("--zookeeper");
        }

        @Test
        void aUserWithoutAPasswordAndTheOtherWayRound() {
            assertThat(mistake("-f", "x.yaml", "--zookeeper_user", "bob").getMessage()).contains("--zookeeper_pass");
            assertThat(mistake("-f", "x.yaml", "--zookeeper_pass", "hunter2").getMessage()).contains("--zookeeper_user").doesNotContain("hunter2");
        }

        @ParameterizedTest
        @ValueSource(strings = {"prod/monitor", "..", ""})
        void aClusterNameThatCannotBeAZnodeName(String name) {
            assertThat(mistake("-f", "x.yaml", "-c", name).getMessage()).startsWith("--cluster_name");
        }

        @Test
        void anyZnodeNameIsAClusterNameAsTheOldDaemonAllowed() throws Exception {
            assertThat(resolve("-f", "x.yaml", "-c", "Prod ZK:1").clusterName()).isEqualTo("Prod ZK:1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"zk_monitor", "/a/", "/a//b"})
        void aClusterPrefixThatIsNotAZnodePath(String prefix) {
            assertThat(mistake("-f", "x.yaml", "--cluster_prefix", prefix).getMessage()).startsWith("--cluster_prefix");
        }

        @Test
        void timeoutIsForCheckOnly() {
            assertThat(mistake("-f", "x.yaml", "--timeout", "5s").getMessage()).contains("zkmon check");
        }

        @Test
        void anEmptyApiToken() {
            assertThat(mistake("-f", "x.yaml", "--api_token", "").getMessage()).contains("--api_token");
        }

        @Test
        void aMistakeInACommandShowsThatCommandsUsage() {
            assertThat(mistake("check", "-f", "x.yaml", "-p", "0").command()).isEqualTo(Command.CHECK);
        }
    }

    @Nested
    class Commands {

        @Test
        void demoNeedsNoFile() throws Exception {
            Settings s = resolve("demo", "-p", "9090");

            assertThat(s.command()).isEqualTo(Command.DEMO);
            assertThat(s.port()).isEqualTo(9090);
            assertThat(s.configFile()).isNull();
        }

        @Test
        void validateNeedsAFile() throws Exception {
            assertThat(resolve("validate", "-f", "x.yaml").command()).isEqualTo(Command.VALIDATE);
            assertThat(mistake("validate").getMessage()).contains("-f FILE");
        }

        @Test
        void checkTakesATimeout() throws Exception {
            Settings s = resolve("check", "-z", "zk:2181", "-f", "x.yaml", "--timeout", "3s");

            assertThat(s.command()).isEqualTo(Command.CHECK);
            assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(resolve("check", "-f", "x.yaml").timeout()).isEqualTo(Duration.ofSeconds(10));
        }

        @Test
        void helpWinsOverMistakes() throws Exception {
            assertThat(resolve("--help", "-p", "0").help()).isTrue();
            assertThat(resolve("-h").help()).isTrue();
        }

        @Test
        void helpForACommand() throws Exception {
            Settings s = resolve("help", "check");

            assertThat(s.help()).isTrue();
            assertThat(s.command()).isEqualTo(Command.CHECK);
            assertThat(resolve("check", "--help").command()).isEqualTo(Command.CHECK);
        }

        @Test
        void version() throws Exception {
            assertThat(resolve("--version").version()).isTrue();
        }
    }

    @Nested
    class Secrets {

        @Test
        void settingsNeverShowThePasswordOrTheToken() throws Exception {
            Settings s = resolve("-f", "x.yaml", "--zookeeper_user", "bob", "--zookeeper_pass", "hunter2", "--api_token", "t0k3n-xyz");

            assertThat(s.toString()).doesNotContain("hunter2").doesNotContain("t0k3n-xyz").contains("zookeeper_user=bob")
                    .contains("zookeeper_pass=****").contains("api_token=****");
            assertThat(s.describe()).doesNotContain("hunter2").doesNotContain("t0k3n-xyz");
        }

        @Test
        void aPasswordStartingWithAnAtSignIsNotReadAsAFile() throws Exception {
            assertThat(resolve("-f", "x.yaml", "--zookeeper_user", "u", "--zookeeper_pass", "@secret").zookeeperPassword()).isEqualTo("@secret");
        }

        @Test
        void mistakesNeverQuoteASecret() {
            UsageException e = mistake("-f", "x.yaml", "--zookeeper_user", "", "--zookeeper_pass", "hunter2");

            assertThat(e.getMessage()).doesNotContain("hunter2");
        }
    }

    @Nested
    class PasswordFile {

        @org.junit.jupiter.api.io.TempDir
        Path dir;

        @Test
        void readsThePasswordFromTheFirstLineOfTheFile() throws Exception {
            Path file = java.nio.file.Files.writeString(dir.resolve("zk.pass"), "hunter2\nignored\n");

            Settings s = resolve("-f", "x.yaml", "--zookeeper_user", "bob", "--zookeeper_pass_file", file.toString());

            assertThat(s.zookeeperPassword()).isEqualTo("hunter2");
            assertThat(s.toString()).doesNotContain("hunter2");
        }

        @Test
        void fallsBackToTheEnvironment() throws Exception {
            Path file = java.nio.file.Files.writeString(dir.resolve("zk.pass"), "s3cret\r\n");
            env.put("ZKMON_ZOOKEEPER_USER", "bob");
            env.put("ZKMON_ZOOKEEPER_PASS_FILE", file.toString());

            assertThat(resolve("-f", "x.yaml").zookeeperPassword()).isEqualTo("s3cret");
        }

        @Test
        void refusesBothFormsAndBadFilesWithoutQuotingTheSecret() throws Exception {
            Path file = java.nio.file.Files.writeString(dir.resolve("zk.pass"), "hunter2\n");
            Path empty = java.nio.file.Files.writeString(dir.resolve("empty"), "\n");

            assertThat(mistake("-f", "x.yaml", "--zookeeper_user", "u", "--zookeeper_pass", "hunter2", "--zookeeper_pass_file",
                    file.toString()).getMessage()).contains("not both").doesNotContain("hunter2");
            assertThat(mistake("-f", "x.yaml", "--zookeeper_user", "u", "--zookeeper_pass_file", dir.resolve("missing").toString())
                    .getMessage()).contains("--zookeeper_pass_file", "missing", "no such file");
            assertThat(mistake("-f", "x.yaml", "--zookeeper_user", "u", "--zookeeper_pass_file", empty.toString()).getMessage())
                    .contains("is empty");
            assertThat(mistake("-f", "x.yaml", "--zookeeper_pass_file", file.toString()).getMessage())
                    .contains("needs --zookeeper_user").doesNotContain("hunter2");
        }
    }
}
