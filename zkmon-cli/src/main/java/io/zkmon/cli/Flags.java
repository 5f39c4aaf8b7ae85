package io.zkmon.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line as typed: every value is kept as text (null when absent) so that {@link SettingsResolver} can fall
 * back to the environment and word its own errors. The names are the old {@code zk_monitor} daemon's, and each
 * {@code snake_case} long flag is also accepted in {@code kebab-case}.
 */
@Parameters(separators = "=")
final class Flags {

    @Parameter(names = {"-z", "--zookeeper"})
    String zookeeper;

    @Parameter(names = {"--zookeeper_user", "--zookeeper-user"})
    String zookeeperUser;

    @Parameter(names = {"--zookeeper_pass", "--zookeeper-pass"})
    String zookeeperPass;

    @Parameter(names = {"--zookeeper_pass_file", "--zookeeper-pass-file"})
    String zookeeperPassFile;

    @Parameter(names = {"--zookeeper_tls", "--zookeeper-tls"})
    boolean zookeeperTls;

    @Parameter(names = {"--zookeeper_truststore", "--zookeeper-truststore"})
    String zookeeperTruststore;

    @Parameter(names = {"--zookeeper_truststore_pass_file", "--zookeeper-truststore-pass-file"})
    String zookeeperTruststorePassFile;

    @Parameter(names = {"--zookeeper_keystore", "--zookeeper-keystore"})
    String zookeeperKeystore;

    @Parameter(names = {"--zookeeper_keystore_pass_file", "--zookeeper-keystore-pass-file"})
    String zookeeperKeystorePassFile;

    /** Refused with a pointer to the file and environment alternatives: a password on the command line shows in ps. */
    @Parameter(names = {"--zookeeper_truststore_pass", "--zookeeper-truststore-pass"}, hidden = true)
    String zookeeperTruststorePass;

    /** Refused, as {@link #zookeeperTruststorePass}. */
    @Parameter(names = {"--zookeeper_keystore_pass", "--zookeeper-keystore-pass"}, hidden = true)
    String zookeeperKeystorePass;

    @Parameter(names = {"--zookeeper_sasl", "--zookeeper-sasl"})
    String zookeeperSasl;

    @Parameter(names = {"-c", "--cluster_name", "--cluster-name"})
    String clusterName;

    @Parameter(names = {"--cluster_prefix", "--cluster-prefix"})
    String clusterPrefix;

    @Parameter(names = {"-f", "--file"})
    String file;

    @Parameter(names = {"-p", "--port"})
    String port;

    @Parameter(names = {"--bind"})
    String bind;

    @Parameter(names = {"--api_token", "--api-token"})
    String apiToken;

    @Parameter(names = {"--status_format", "--status-format"})
    String statusFormat;

    @Parameter(names = {"--session_timeout", "--session-timeout"})
    String sessionTimeout;

    @Parameter(names = {"-l", "--level"})
    String level;

    @Parameter(names = {"-s", "--syslog"})
    String syslog;

    @Parameter(names = {"--log_format", "--log-format"})
    String logFormat;

    @Parameter(names = {"--timeout"})
    String timeout;

    @Parameter(names = {"--strict"})
    boolean strict;

    @Parameter(names = {"-h", "--help"}, help = true)
    boolean help;

    @Parameter(names = {"--version"})
    boolean version;

    /** Whatever is not a known flag: reported by the resolver as an unknown option or an unexpected argument. */
    @Parameter
    List<String> rest = new ArrayList<>();

    /** Short flags that take a value, which the old daemon also accepted glued to their value ({@code -p8080}). */
    static final List<String> SHORT_WITH_VALUE = List.of("-z", "-c", "-f", "-p", "-l", "-s");

    /** Every long flag name, for "did you mean" hints. */
    static final List<String> LONG_NAMES = List.of("--zookeeper", "--zookeeper_user", "--zookeeper_pass", "--zookeeper_pass_file",
            "--zookeeper_tls", "--zookeeper_truststore", "--zookeeper_truststore_pass_file", "--zookeeper_keystore",
            "--zookeeper_keystore_pass_file", "--zookeeper_sasl", "--cluster_name",
            "--cluster_prefix", "--file", "--port", "--bind", "--api_token", "--status_format", "--session_timeout", "--level", "--syslog",
            "--log_format", "--timeout", "--strict", "--help", "--version");
}
