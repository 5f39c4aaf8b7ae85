package io.zkmon.cli;

import io.zkmon.core.spec.Durations;
import io.zkmon.http.StatusFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated settings of one run: flags first, then the environment, then the old daemon's defaults.
 * {@link #toString()} and {@link #describe()} mask every secret, so a Settings can be logged as it is.
 *
 * @param command           what to do
 * @param zookeeper         the connect string ({@code host:port[,host:port...][/chroot]})
 * @param zookeeperUser     digest ACL user, or null
 * @param zookeeperPassword digest ACL password, or null (a secret)
 * @param clusterName       the zkmon cluster this agent belongs to
 * @param clusterPrefix     the znode under which every zkmon cluster keeps its state
 * @param configFile        the YAML file of paths, or null when none was given
 * @param port              the HTTP port
 * @param bind              the HTTP address to listen on
 * @param apiToken          the token the HTTP API requires for changes, or null (a secret)
 * @param sessionTimeout    the ZooKeeper session timeout
 * @param level             the log level of zkmon's own loggers
 * @param syslogFacility    the syslog facility to log to (upper case), or null to log to the console
 * @param logFormat         text or JSON lines on the console
 * @param timeout           how long {@code check} waits for ZooKeeper and the first read of every path
 * @param help              print the usage and exit
 * @param version           print the version and exit
 * @param statusFormat      the shape of {@code /status} when a request does not name one ({@code --status_format})
 * @param strict            read a file in the old daemon's form strictly too: what it ignored is an error
 * @param security          TLS and SASL to ZooKeeper ({@link ZooKeeperSecurity#NONE} for neither)
 */
record Settings(Command command, String zookeeper, String zookeeperUser, String zookeeperPassword, String clusterName,
                String clusterPrefix, Path configFile, int port, String bind, String apiToken, Duration sessionTimeout,
                LogLevel level, String syslogFacility, LogFormat logFormat, Duration timeout, boolean help, boolean version,
                StatusFormat statusFormat, boolean strict, ZooKeeperSecurity security) {

    static final String DEFAULT_ZOOKEEPER = "localhost:2181";
    static final String DEFAULT_CLUSTER_NAME = "zkmonitor";
    static final String DEFAULT_CLUSTER_PREFIX = "/zk_monitor";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_BIND = "0.0.0.0";
    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(30);
    static final LogLevel DEFAULT_LEVEL = LogLevel.WARN;
    static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(10);

    /** What is printed in place of a secret. */
    static final String MASK = "****";

    Settings {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(statusFormat, "statusFormat");
        Objects.requireNonNull(security, "security");
    }

    /** These settings with another ZooKeeper connect string (the demo's embedded server). */
    Settings withZookeeper(String connectString) {
        return new Settings(command, connectString, zookeeperUser, zookeeperPassword, clusterName, clusterPrefix, configFile, port,
                bind, apiToken, sessionTimeout, level, syslogFacility, logFormat, timeout, help, version, statusFormat, strict, security);
    }

    /** True when ZooKeeper digest credentials were given. */
    boolean hasCredentials() {
        return zookeeperUser != null;
    }

    /** The effective settings on one line, secrets masked: what the daemon logs when it starts. */
    String describe() {
        return "zookeeper=" + zookeeper
                + (hasCredentials() ? " zookeeper_user=" + zookeeperUser + " zookeeper_pass=" + MASK : "")
                + security.describe()
                + " cluster_name=" + clusterName
                + " cluster_prefix=" + clusterPrefix
                + " file=" + (configFile == null ? "-" : configFile)
                + " bind=" + bind
                + " port=" + port
                + " api_token=" + (apiToken == null ? "-" : MASK)
                + " status_format=" + statusFormat.id()
                + " session_timeout=" + Durations.format(sessionTimeout)
                + " level=" + level
                + " syslog=" + (syslogFacility == null ? "-" : syslogFacility.toLowerCase(java.util.Locale.ROOT))
                + " log_format=" + logFormat.name().toLowerCase(java.util.Locale.ROOT)
                + (strict ? " strict" : "");
    }

    @Override
    public String toString() {
        return "Settings[" + command + " " + describe() + "]";
    }
}
