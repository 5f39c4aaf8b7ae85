package io.zkmon.cli;

import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Starts Log4j with log4j2.xml, steered by the {@code zkmon.log.*} system properties it reads. Must run before
 * anything asks for a logger, so the first configuration is already the right one.
 */
final class LogSetup {

    static final String LEVEL = "zkmon.log.level";
    static final String ALERT_LEVEL = "zkmon.log.alertLevel";
    static final String LIBRARY_LEVEL = "zkmon.log.libraryLevel";
    static final String ZK_CLIENT_LEVEL = "zkmon.log.zkClientLevel";
    static final String ZK_NETTY_LEVEL = "zkmon.log.zkNettyLevel";
    static final String FORMAT = "zkmon.log.format";
    static final String SYSLOG = "zkmon.log.syslog";

    private LogSetup() {
    }

    /** How much of the libraries' (ZooKeeper, Curator, Undertow) logging to show. */
    enum Libraries {
        /** WARN and above; INFO when zkmon itself logs at DEBUG (their DEBUG is floods of pings). */
        FOLLOW,
        /** Nothing: the demo keeps the embedded server's chatter out of the console. */
        SILENT
    }

    /** Logging for the daemon, {@code validate} and {@code check}: the old daemon's lines on stderr, or JSON, or syslog. */
    static void configure(Settings s) {
        String format = s.logFormat() == LogFormat.JSON ? "json" : "text";
        apply(s.level(), s.level(), Libraries.FOLLOW, format, s.syslogFacility());
    }

    /** Logging for the demo: short lines on stdout, alerts shown, libraries silent. */
    static void configureDemo(LogLevel level) {
        LogLevel alerts = level.compareTo(LogLevel.INFO) > 0 ? LogLevel.INFO : level;
        apply(level, alerts, Libraries.SILENT, "demo", null);
    }

    static synchronized void apply(LogLevel level, LogLevel alertLevel, Libraries libraries, String format, String syslogFacility) {
        System.setProperty(LEVEL, level.name());
        System.setProperty(ALERT_LEVEL, alertLevel.name());
        System.setProperty(LIBRARY_LEVEL, libraries == Libraries.SILENT ? "OFF" : level == LogLevel.DEBUG ? "INFO" : "WARN");
        System.setProperty(ZK_CLIENT_LEVEL, libraries == Libraries.SILENT ? "OFF" : level == LogLevel.DEBUG ? "INFO" : "ERROR");
        // a failed TLS handshake is an ERROR with a stack trace at every reconnect; ConnectionReporter names it instead
        System.setProperty(ZK_NETTY_LEVEL, libraries == Libraries.SILENT ? "OFF" : level == LogLevel.DEBUG ? "INFO" : "FATAL");
        System.setProperty(FORMAT, format);
        if (syslogFacility != null) {
            System.setProperty(SYSLOG, syslogFacility.toUpperCase(Locale.ROOT));
        } else {
            System.clearProperty(SYSLOG);
        }
        boolean running = LogManager.getFactory().hasContext(LogSetup.class.getName(), LogSetup.class.getClassLoader(), false);
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        if (running) {
            // something logged before (or a second configuration in one JVM): re-read the file with the new properties
            ctx.reconfigure();
        }
        bridgeJavaUtilLogging();
    }

    private static boolean bridged;

    /**
     * Sends java.util.logging (Angus Mail, the JDK's HTTP client) to Log4j, so {@code --log_format json} and syslog
     * cover every line. Replaces the JUL root logger's console handler; JUL levels follow Log4j's, so what Log4j would
     * drop is never formatted.
     */
    private static void bridgeJavaUtilLogging() {
        if (!bridged) {
            org.apache.logging.log4j.jul.Log4jBridgeHandler.install(true, null, true);
            bridged = true;
        }
    }

    /** Flushes and stops Log4j; call last, just before the JVM exits. */
    static void shutdown() {
        LogManager.shutdown();
    }
}
