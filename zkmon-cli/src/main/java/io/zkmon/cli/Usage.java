package io.zkmon.cli;

/** The help text: the old daemon's options first, in its order and wording, then what zkmon adds. */
final class Usage {

    private Usage() {
    }

    /** The synopsis printed under an error message. */
    static String synopsis(Command command) {
        return switch (command) {
            case DEMO -> "Usage: zkmon demo [-p PORT] [--bind ADDRESS] [-f FILE] [-l LEVEL]";
            case VALIDATE -> "Usage: zkmon validate -f FILE [--strict]";
            case CHECK -> "Usage: zkmon check [-z HOSTS] [--zookeeper_user USER --zookeeper_pass PASS] -f FILE [--timeout 10s] [--strict]";
            case DAEMON -> "Usage: zkmon [options] -f FILE\n"
                    + "       zkmon demo | validate | check [options]";
        };
    }

    /** The full help for {@code --help}. */
    static String help(Command command) {
        String head = switch (command) {
            case DEMO -> """
                    Usage: zkmon demo [options]

                    Starts an embedded ZooKeeper, simulates services whose instances register and drop away, watches
                    them with examples/demo.yaml (or -f FILE), shows alerts in the console and serves /status,
                    /metrics and the dashboard on port 8080 (or -p). Ctrl-C stops it.
                    """;
            case VALIDATE -> """
                    Usage: zkmon validate -f FILE [--strict]

                    Parses and validates FILE and prints the effective config with secrets masked. A file in the old
                    daemon's form (only /path: keys) loads as that daemon loaded it; what it ignored or completed is
                    listed as a warning (--strict makes each an error).
                    Exit status: 0 valid, 2 invalid (each error names file:line:column and key).
                    """;
            case CHECK -> """
                    Usage: zkmon check -z HOSTS -f FILE [--timeout 10s] [--strict]

                    Connects, evaluates every path once, prints a table and exits with a Nagios status:
                    0 OK, 1 WARNING (a path of severity warning out of spec), 2 CRITICAL (one of severity
                    critical), 3 UNKNOWN (ZooKeeper unreachable, a path unreadable, zkmon cannot see, or a bad
                    option or config). Sends no alerts.
                    """;
            case DAEMON -> """
                    Usage: zkmon [options] -f FILE
                           zkmon demo | validate | check [options]   (zkmon help COMMAND for more)

                    Watches ZooKeeper znodes for compliance with the specs in FILE and alerts when one goes out of spec.

                    Commands:
                      demo                  %s
                      validate              %s
                      check                 %s
                    """.formatted(Command.DEMO.summary(), Command.VALIDATE.summary(), Command.CHECK.summary());
        };
        return head + OPTIONS + (command == Command.CHECK ? CHECK_OPTIONS : "") + ENVIRONMENT;
    }

    private static final String OPTIONS = """

            Options:
              --version             show program's version number and exit
              -h, --help            show this help message and exit
              -z ZOOKEEPER, --zookeeper=ZOOKEEPER
                                    Zookeeper Server (def: localhost:2181)
              --zookeeper_user=ZOOKEEPER_USER
                                    Zookeeper ACL Username
              --zookeeper_pass=ZOOKEEPER_PASS
                                    Zookeeper ACL Password
              --zookeeper_pass_file=FILE
                                    Read the password from FILE's first line (not shown in ps)
              --zookeeper_tls       TLS to ZooKeeper (its secureClientPort)
              --zookeeper_truststore=FILE
                                    CAs to trust (PKCS12, JKS, PEM) (def: the JVM's)
              --zookeeper_truststore_pass_file=FILE
                                    The truststore's password, first line (or ZKMON_ZOOKEEPER_TRUSTSTORE_PASS)
              --zookeeper_keystore=FILE
                                    zkmon's certificate and key, for servers that require one
              --zookeeper_keystore_pass_file=FILE
                                    The keystore's password, first line (or ZKMON_ZOOKEEPER_KEYSTORE_PASS)
              --zookeeper_sasl=JAAS_FILE | context=NAME | JAAS_FILE,context=NAME
                                    SASL login through JAAS (def section: Client)
              -c CLUSTER_NAME, --cluster_name=CLUSTER_NAME
                                    Unique cluster name (ie, prod-zookeeper-monitor) (def: zkmonitor)
              --cluster_prefix=CLUSTER_PREFIX
                                    Prefix path in Zookeeper for all zk_monitor clusters (def: /zk_monitor)
              -f FILE, --file=FILE  Path to YAML file with znodes to monitor.
              -p PORT, --port=PORT  Port to listen to (def: 8080)
              -l LEVEL, --level=LEVEL
                                    Set logging level (INFO|WARN|DEBUG|ERROR) (def: WARN)
              -s SYSLOG, --syslog=SYSLOG
                                    Log to syslog. Supply facility name. (ie "local0")
              --bind=ADDRESS        Address to listen on (def: 0.0.0.0)
              --api_token=TOKEN     Token the HTTP API requires for changes (silences); none by default
              --status_format=FORMAT
                                    Shape of /status: zkmon, or zk_monitor-0.1 as the old daemon served it (def: zkmon)
              --session_timeout=DURATION
                                    ZooKeeper session timeout, e.g. 30s (def: 30s)
              --log_format=FORMAT   text or json (def: text)
              --strict              Read a file in the old daemon's form strictly too: unknown keys,
                                    unknown alerter types and addresses without a domain are errors
            Long options also take '-' for '_' (--cluster-name); values may follow '=' or a space.
            """;

    private static final String CHECK_OPTIONS = """
              --timeout=DURATION    How long to wait for ZooKeeper and the first read (def: 10s)
            """;

    private static final String ENVIRONMENT = """

            Environment (used when the flag is not given):
              ZOOKEEPER, or ZOOKEEPER_HOST and ZOOKEEPER_PORT    --zookeeper
              HTTP_PORT                                          --port
              LOG_LEVEL                                          --level
              CONFIG_FILE                                        --file
              ZKMON_API_TOKEN                                    --api_token
              ZKMON_ZOOKEEPER_USER, ZKMON_ZOOKEEPER_PASS         --zookeeper_user, --zookeeper_pass
              ZKMON_ZOOKEEPER_PASS_FILE                          --zookeeper_pass_file
              ZKMON_ZOOKEEPER_TLS=true                           --zookeeper_tls
              ZKMON_ZOOKEEPER_TRUSTSTORE, ZKMON_ZOOKEEPER_KEYSTORE  --zookeeper_truststore, --zookeeper_keystore
              ZKMON_ZOOKEEPER_TRUSTSTORE_PASS(_FILE), ZKMON_ZOOKEEPER_KEYSTORE_PASS(_FILE)
                                                                 the stores' passwords (or their files)
              ZKMON_ZOOKEEPER_SASL                               --zookeeper_sasl
              SMTP_HOST, SMTP_PORT                               the email alerter's SMTP server

            Signals: SIGHUP reloads FILE (so does saving it); SIGTERM or SIGINT stops within 5 seconds.
            Exit status: 0 stopped normally, 1 could not start, 2 bad option or config (zkmon check: see its help).
            """;
}
