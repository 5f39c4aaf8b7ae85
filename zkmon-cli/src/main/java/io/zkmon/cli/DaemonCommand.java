package io.zkmon.cli;

import io.zkmon.core.Version;
import io.zkmon.core.config.ConfigException;
import io.zkmon.core.config.ConfigLoader;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: {@code zkmon -z HOSTS -f FILE}, as the old {@code zk_monitor} ran. Loads the config (a bad one stops it
 * before it connects), starts every part, then runs until SIGTERM or SIGINT, reloading on SIGHUP or a changed file.
 */
final class DaemonCommand {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonCommand.class);

    private final Settings settings;
    private final PrintStream err;

    DaemonCommand(Settings settings, PrintStream err) {
        this.settings = settings;
        this.err = err;
    }

    int run() {
        return Signals.run(this::runUntilStopped);
    }

    private int runUntilStopped(Shutdown shutdown, ReloadTrigger reload) {
        ConfigLoader loader = ConfigLoader.create().strict(settings.strict());
        ConfigFiles.Loaded loaded;
        try {
            loaded = ConfigFiles.load(loader, settings.configFile());
        } catch (ConfigException e) {
            return Cli.configError(e, err, settings);
        }
        LOG.info("zkmon {} starting: {}", Version.get(), settings.describe());

        ConnectionReporter connection = new ConnectionReporter(settings.zookeeper(),
                new ConnectionDiagnosis(settings.zookeeper(), settings.security())::diagnose).start();
        ServerGuard guard = new ServerGuard(shutdown);
        Assembly assembly;
        try {
            assembly = Assembly.start(settings, loaded.config(), true, List.of(connection, guard));
        } catch (StartupException e) {
            connection.close();
            return Cli.startupError(e, err, settings);
        }
        ConfigReloader reloader = new ConfigReloader(settings.configFile(), loaded.content(), assembly.monitor(), loader)
                .reportingTo(assembly.configReloads()).start();
        reload.ready(reloader);
        LOG.info("Running as agent {}; SIGHUP or saving {} reloads it, SIGTERM stops", assembly.agentName(), settings.configFile());

        String why;
        try {
            why = shutdown.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        LOG.info("Stopping ({})", why);
        reloader.close();
        assembly.close(shutdown.remaining()); // hands alerting over first, then the rest, within the stop's one deadline
        connection.close();
        LOG.info("Stopped");
        if (guard.refusal() != null) {
            return Cli.startupError(new StartupException(guard.refusal(), null), err, settings);
        }
        return 0;
    }
}
