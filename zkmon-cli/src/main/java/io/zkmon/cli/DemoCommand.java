package io.zkmon.cli;

import io.zkmon.core.Version;
import io.zkmon.core.config.ConfigException;
import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.spec.PathSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code zkmon demo}: the first thing a newcomer runs. An embedded ZooKeeper ({@link DemoZooKeeper}) on a free port,
 * simulated services, the real monitor and HTTP server on port 8080, alerts in the console. Ctrl-C stops it.
 */
final class DemoCommand {

    /** The demo config inside the jar, used when examples/demo.yaml is not next to it. */
    static final String BUILT_IN = "/io/zkmon/cli/demo.yaml";

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    int run() {
        return Signals.run(this::runUntilStopped);
    }

    private int runUntilStopped(Shutdown shutdown, ReloadTrigger reload) {
        ConfigLoader loader = ConfigLoader.create().strict(settings.strict());
        Path file = configFile();
        ConfigFiles.Loaded loaded;
        try {
            loaded = file != null ? ConfigFiles.load(loader, file) : new ConfigFiles.Loaded(loader.parse(builtIn(), "demo.yaml (built in)"), null);
        } catch (ConfigException e) {
            return Cli.configError(e, err, settings);
        }

        DemoZooKeeper server = null;
        DemoSimulation simulation = null;
        Assembly assembly = null;
        DemoConsole console = new DemoConsole(pathWidth(loaded.config()));
        try {
            server = DemoZooKeeper.start();
            simulation = DemoSimulation.start(server.connectString());
            Settings demo = settings.withZookeeper(server.connectString());
            assembly = Assembly.start(demo, loaded.config(), true, List.of(console));
            if (file != null) {
                reload.ready(new ConfigReloader(file, loaded.content(), assembly.monitor(), loader).reportingTo(assembly.configReloads()).start());
            }
            banner(server.connectString(), file, loaded.config(), assembly.httpPort());
            console.open();
            simulation.play();
            shutdown.await();
            out.println();
            out.println("Stopping the demo...");
        } catch (StartupException e) {
            return Cli.startupError(e, err, settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            err.println("zkmon: the demo could not start: " + e);
            return Cli.FAILED;
        } finally {
            console.quiet();
            if (reload.reloader() != null) {
                reload.reloader().close();
            }
            if (assembly != null) {
                assembly.close();
            }
            if (simulation != null) {
                simulation.close();
            }
            if (server != null) {
                server.close();
            }
        }
        out.println("Stopped.");
        return 0;
    }

    /** -f, else examples/demo.yaml of the checkout or distribution the launcher runs from, else none (built in). */
    private Path configFile() {
        if (settings.configFile() != null) {
            return settings.configFile();
        }
        String home = System.getProperty("zkmon.home");
        if (home != null) {
            Path p = Path.of(home, "examples", "demo.yaml");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String builtIn() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in " + BUILT_IN + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in " + BUILT_IN, e);
        }
    }

    private static int pathWidth(MonitorConfig config) {
        return config.paths().stream().map(PathSpec::path).mapToInt(String::length).max().orElse(10);
    }

    private void banner(String zookeeper, Path file, MonitorConfig config, int httpPort) {
        String host = settings.bind().equals("0.0.0.0") || settings.bind().startsWith("[") || settings.bind().equals("::")
                ? "localhost" : settings.bind();
        String base = "http://" + host + ":" + httpPort;
        out.println();
        out.println("zkmon " + Version.get() + " demo");
        out.println();
        if (httpPort > 0) {
            out.println("  Dashboard     " + base + "/ui/");
            out.println("  Status JSON   " + base + "/status");
            out.println("  Metrics       " + base + "/metrics");
        } else {
            out.println("  Dashboard     not in this build (zkmon-http is missing); follow the console below");
        }
        out.println("  ZooKeeper     " + zookeeper + " (embedded, data in a temporary directory)");
        out.println("  Config        " + (file != null ? file.toAbsolutePath().normalize() + " (" + config.paths().size()
                + " paths; edit and save it, zkmon reloads it)" : "demo.yaml built into the jar (" + config.paths().size() + " paths)"));
        out.println();
        out.println("Simulated services register and drop away: within a minute some paths go out of spec,");
        out.println("an ALERT follows once a path stays out of spec for its cancel_timeout, then they recover.");
        out.println("Press Ctrl-C to stop.");
        out.println();
    }
}
