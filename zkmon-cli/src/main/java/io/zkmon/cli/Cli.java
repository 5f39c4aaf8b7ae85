package io.zkmon.cli;

import io.zkmon.core.Version;
import io.zkmon.core.config.ConfigException;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Parses the command line, sets up logging and runs the command; returns the exit status. Mistakes by people (flags,
 * config) are reported in a few lines with status 2; only our own bugs get a stack trace.
 */
final class Cli {

    /** Exit status: a part could not start (port taken...), or a bug. */
    static final int FAILED = 1;
    /** Exit status: a bad flag, environment variable or config. */
    static final int USAGE = 2;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    Cli(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        Settings s;
        try {
            s = SettingsResolver.resolve(args, env);
        } catch (UsageException e) {
            if (e.command() == Command.CHECK) {
                // a Nagios plugin that cannot run as asked says UNKNOWN, on its first line of output
                out.println("ZKMON UNKNOWN - " + e.getMessage());
            }
            err.println("zkmon: " + e.getMessage());
            err.println(Usage.synopsis(e.command()));
            err.println("Run 'zkmon --help' for every option.");
            return e.command() == Command.CHECK ? CheckReport.UNKNOWN : USAGE;
        }
        if (s.help()) {
            out.print(Usage.help(s.command()));
            return 0;
        }
        if (s.version()) {
            out.print(versionText());
            return 0;
        }
        try {
            if (s.command() == Command.DEMO) {
                LogSetup.configureDemo(s.level());
            } else {
                LogSetup.configure(s);
            }
            return switch (s.command()) {
                case DAEMON -> new DaemonCommand(s, err).run();
                case DEMO -> new DemoCommand(s, out, err).run();
                case VALIDATE -> new ValidateCommand(s, out, err).run();
                case CHECK -> new CheckCommand(s, out, err).run();
            };
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(Cli.class).error("zkmon failed unexpectedly; this is a bug, please report it", e);
            err.println("zkmon: failed unexpectedly (a bug): " + e);
            return FAILED;
        } finally {
            LogSetup.shutdown();
        }
    }

    /**
     * What {@code --version} prints: the bare version on the first line, as the old daemon printed it (scripts read
     * that line), then what was it built with and runs on.
     */
    static String versionText() {
        return Version.get() + "\n"
                + "zkmon " + Version.get() + ", the successor of zk_monitor 0.1.2\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), ZooKeeper client "
                + org.apache.zookeeper.Version.getFullVersion().split("[ ,-]")[0] + "\n";
    }

    /** Prints a config's errors (file:line:column, key, message) and returns the usage status. */
    static int configError(ConfigException e, PrintStream err, Settings s) {
        report(e.getMessage(), null, err, s);
        return USAGE;
    }

    /** Prints why a part could not start and returns the failure status. */
    static int startupError(StartupException e, PrintStream err, Settings s) {
        report(e.getMessage(), e.getCause(), err, s);
        return FAILED;
    }

    /** A message for people on stderr, and in syslog too when logging goes there (stderr may be nobody's). */
    private static void report(String message, Throwable cause, PrintStream err, Settings s) {
        err.println("zkmon: " + message);
        if (s.syslogFacility() != null) {
            LoggerFactory.getLogger(Cli.class).error("{}", message);
        }
        if (cause != null) {
            LoggerFactory.getLogger(Cli.class).debug("Cause", cause);
        }
    }
}
