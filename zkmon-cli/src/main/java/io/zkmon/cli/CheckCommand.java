package io.zkmon.cli;

import io.zkmon.core.spec.Transition;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.config.ConfigException;
import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.config.MonitorConfig;
import io.zkmon.core.dispatch.Dispatcher;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.spec.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;

/**
 * {@code zkmon check}: connects, reads every path once, prints a Nagios status line and a table, and exits as
 * {@link CheckReport} says: 0 all in spec, 1 a path of severity warning out of spec, 2 one of severity critical,
 * 3 (UNKNOWN) when zkmon could not see (ZooKeeper unreachable, a path unreadable, one of its own conditions) or the
 * config is invalid. Nothing is ever sent: the monitor's dispatcher is replaced by one that drops every transition.
 */
final class CheckCommand {

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Why ZooKeeper cannot be seen, tried server by server (a few seconds at most per server). */
    private String diagnosis() {
        return new ConnectionDiagnosis(settings.zookeeper(), settings.security()).diagnose();
    }

    int run() {
        MonitorConfig config;
        try {
            config = ConfigLoader.create().strict(settings.strict()).load(settings.configFile());
        } catch (ConfigException e) {
            out.println("ZKMON UNKNOWN - invalid config " + settings.configFile() + " (" + e.errors().size()
                    + (e.errors().size() == 1 ? " error)" : " errors)") + ": " + e.errors().get(0));
            Cli.configError(e, err, settings);
            return CheckReport.UNKNOWN;
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        CuratorFramework client = ZooKeeperClients.create(settings);
        ZkMonitor monitor = null;
        try {
            client.start();
            if (!client.blockUntilConnected((int) settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                out.println("ZKMON UNKNOWN - cannot reach ZooKeeper at " + settings.zookeeper() + " within "
                        + Durations.format(settings.timeout()) + ": " + diagnosis());
                config.alerters().values().forEach(d -> d.alerter().close());
                return CheckReport.UNKNOWN;
            }
            monitor = ZkMonitor.builder()
                    .curator(client)
                    .config(config)
                    .clusterName(settings.clusterName())
                    .decorateDispatcher((dispatcher, view) -> new DiscardingDispatcher(view.agentName()))
                    .build()
                    .start();
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!monitor.awaitPrimed(left)) {
                MonitorStatus status = monitor.status();
                CheckReport partial = CheckReport.of(status.paths(), monitor.selfAlerts());
                if (status.connected()) {
                    out.println("ZKMON UNKNOWN - connected to ZooKeeper at " + settings.zookeeper() + " but could not read every path within "
                            + Durations.format(settings.timeout()));
                } else {
                    // the connection came up and went, or the server refused the session after it (a wrong SASL login)
                    out.println("ZKMON UNKNOWN - ZooKeeper at " + settings.zookeeper() + " accepted the connection but not the session within "
                            + Durations.format(settings.timeout()) + ": " + diagnosis());
                }
                out.print(partial.table());
                return CheckReport.UNKNOWN;
            }
            CheckReport report = CheckReport.of(monitor.status().paths(), monitor.selfAlerts());
            out.print(report.render());
            return report.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("ZKMON UNKNOWN - interrupted");
            return CheckReport.UNKNOWN;
        } finally {
            if (monitor != null) {
                monitor.close();
            }
            client.close();
        }
    }

    /** A dispatcher that sends nothing: a check reports, it never alerts. */
    private record DiscardingDispatcher(String agent) implements Dispatcher {

        @Override
        public void accept(Transition transition) {
        }

        @Override
        public DispatcherStatus status() {
            return new DispatcherStatus(agent, List.of(), false, Map.of(), Map.of());
        }

        @Override
        public void close() {
        }
    }
}
