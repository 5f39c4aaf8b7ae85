package io.zkmon.cli;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Routes signals: SIGTERM and SIGINT ask for a graceful stop, SIGHUP for a config reload. Handling SIGTERM ourselves
 * (rather than through a JVM shutdown hook) lets the stop finish its logging and exit 0; a shutdown hook remains as a
 * fallback for any other way the JVM is asked to exit.
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** A command that runs until a stop is asked for. */
    @FunctionalInterface
    interface Run {
        int untilStopped(Shutdown shutdown, ReloadTrigger reload);
    }

    /**
     * Installs the handlers first (so a signal arriving while starting is handled as a signal, not by the JVM's
     * default), runs the command, and tells the shutdown hook when it has finished.
     */
    static int run(Run command) {
        Shutdown shutdown = new Shutdown();
        ReloadTrigger reload = new ReloadTrigger();
        install(shutdown, reload::signal);
        try {
            return command.untilStopped(shutdown, reload);
        } finally {
            shutdown.finished();
        }
    }

    /**
     * Installs the handlers.
     *
     * @param shutdown where stop requests go
     * @param onHup    what SIGHUP does (must not block), or null to ignore SIGHUP
     */
    private static void install(Shutdown shutdown, Runnable onHup) {
        handle("TERM", () -> shutdown.request("SIGTERM"));
        handle("INT", () -> shutdown.request("SIGINT"));
        if (onHup != null) {
            handle("HUP", onHup);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.request("JVM shutdown");
            try {
                shutdown.awaitFinished(Shutdown.BUDGET.plus(Duration.ofSeconds(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "zkmon-shutdown-hook"));
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // e.g. SIGHUP on Windows, or a JVM started with -Xrs: the shutdown hook still covers stops
            LOG.debug("Cannot handle SIG{} here: {}", name, e.getMessage());
        }
    }
}
