package io.zkmon.bench;

import io.zkmon.core.MonitorListener;
import io.zkmon.core.PathStatus;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.ZkMonitor;
import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.PathSpec;
import java.time.Duration;
import java.util.List;

/** zkmon's engine through its public API: one spec per path, counts from its listener. */
final class ZkmonImpl implements Impl {

    private final Extras extras;
    private ZkMonitor monitor;

    ZkmonImpl(Extras extras) {
        this.extras = extras;
    }

    @Override
    public void startAndPrime(String connect, int n, Reporter reporter) throws Exception {
        PathSpec[] specs = new PathSpec[n];
        List<io.zkmon.core.spec.Rule> rules = List.of(ChildrenRule.atLeast(extras.min));
        // the alerters, built from config as users would write it; the specs below refer to them by name
        StringBuilder yaml = new StringBuilder("alerters:\n");
        List<String> alerters = new java.util.ArrayList<>();
        if (extras.webhook != null) {
            yaml.append("  hook: {type: webhook, url: \"").append(extras.webhook).append("\"}\n");
            alerters.add("hook");
        }
        if (extras.email != null) {
            int colon = extras.email.lastIndexOf(':');
            yaml.append("  mail: {type: email, to: [oncall@example.com], smtp: {host: \"").append(extras.email, 0, colon)
                    .append("\", port: ").append(extras.email.substring(colon + 1)).append("}}\n");
            alerters.add("mail");
        }
        String description = description(extras.description);
        for (int i = 0; i < n; i++) {
            specs[i] = description == null ? new PathSpec(Tree.path(i), rules, Duration.ZERO, Duration.ZERO, alerters)
                    : PathSpec.builder(Tree.path(i)).rule(rules.get(0)).cancelTimeout(Duration.ZERO)
                            .alerters(alerters.toArray(String[]::new)).annotation("description", description).build();
        }
        ZkMonitor.Builder b = ZkMonitor.builder();
        if (!alerters.isEmpty()) {
            io.zkmon.core.config.MonitorConfig parsed = io.zkmon.core.config.ConfigLoader.create().parse(
                    yaml + "/unused: {}\n", "bench.yaml");
            b.config(new io.zkmon.core.config.MonitorConfig("bench", List.of(), parsed.alerters(), parsed.settings()));
        }
        monitor = b
                .connectString(connect)
                .sessionTimeout(Duration.ofSeconds(60))
                .paths(specs)
                .listener(new MonitorListener() {
                    @Override
                    public void onTransition(Transition t) {
                        reporter.count(Tree.index(t.path()), t.childCount());
                    }

                    @Override
                    public void onUpdate(PathStatus s) {
                        reporter.count(Tree.index(s.path()), s.childCount());
                    }
                })
                .build()
                .start();
        if (!monitor.awaitPrimed(Duration.ofMinutes(5))) {
            throw new IllegalStateException("zkmon did not prime");
        }
    }

    /** About {@code bytes} of runbook-like text in lines of 70 characters, or null for none. */
    private static String description(int bytes) {
        if (bytes <= 0) {
            return null;
        }
        String line = "Check the instances of this service, restart the ones that are down. ";
        StringBuilder sb = new StringBuilder(bytes + line.length());
        while (sb.length() < bytes) {
            sb.append(line, 0, line.length() - 1).append('\n');
        }
        return sb.toString();
    }

    ZkMonitor monitor() {
        return monitor;
    }

    @Override
    public void close() {
        monitor.close();
    }
}
