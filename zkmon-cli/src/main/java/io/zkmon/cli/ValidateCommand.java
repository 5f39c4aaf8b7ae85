package io.zkmon.cli;

import io.zkmon.core.config.ConfigException;
import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.config.MonitorConfig;
import java.io.PrintStream;

/**
 * {@code zkmon validate -f FILE}: parses and validates the file as the daemon would (alerter settings included), and
 * prints the effective config, defaults applied and secrets masked. Exit 0 when valid, 2 with every error when not.
 */
final class ValidateCommand {

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    int run() {
        MonitorConfig config;
        try {
            config = ConfigLoader.create().load(settings.configFile());
        } catch (ConfigException e) {
            return Cli.configError(e, err, settings);
        }
        try {
            int paths = config.paths().size();
            int alerters = config.alerters().size();
            out.println("# " + settings.configFile() + " is valid: " + paths + (paths == 1 ? " path, " : " paths, ")
                    + alerters + (alerters == 1 ? " alerter" : " alerters"));
            out.println("# the effective config, defaults applied and secrets masked:");
            out.print(config.describe());
            return 0;
        } finally {
            config.alerters().values().forEach(d -> d.alerter().close());
        }
    }
}
