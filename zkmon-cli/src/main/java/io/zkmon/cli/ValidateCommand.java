package io.zkmon.cli;

import io.zkmon.core.config.ConfigException;
import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.config.MonitorConfig;
import java.io.PrintStream;

/**
 * {@code zkmon validate -f FILE}: parses and validates the file as the daemon would (alerter settings included), and
 * prints the effective config, defaults applied and secrets masked. A file in the old daemon's form may load with
 * warnings (what that daemon ignored or completed): they are listed first. Exit 0 when valid, 2 with every error
 * when not ({@code --strict} makes the warnings errors).
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
            config = ConfigLoader.create().strict(settings.strict()).logWarnings(false).load(settings.configFile());
        } catch (ConfigException e) {
            return Cli.configError(e, err, settings);
        }
        try {
            int paths = config.paths().size();
            int alerters = config.alerters().size();
            int warnings = config.warnings().size();
            out.println("# " + settings.configFile() + " is valid: " + paths + (paths == 1 ? " path, " : " paths, ")
                    + alerters + (alerters == 1 ? " alerter" : " alerters")
                    + (warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings")));
            if (warnings > 0) {
                out.println("# read in the old daemon's form, which ignored or completed these (--strict makes them errors):");
                config.warnings().forEach(w -> out.println("#   warning: " + w));
            }
            out.println("# the effective config, defaults applied and secrets masked:");
            out.print(config.describe());
            return 0;
        } finally {
            config.alerters().values().forEach(d -> d.alerter().close());
        }
    }
}
