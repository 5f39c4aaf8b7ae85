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
        List<String> alerters = extras.webhook == null ? List.of() : List.of("hook");
        for (int i = 0; i < n; i++) {
            specs[i] = new PathSpec(Tree.path(i), rules, Duration.ZERO, Duration.ZERO, alerters);
        }
        ZkMonitor.Builder b = ZkMonitor.builder();
        if (extras.webhook != null) {
            // the webhook alerter, built from config as users would; the specs above refer to it by name
            io.zkmon.core.config.MonitorConfig parsed = io.zkmon.core.config.ConfigLoader.create().parse(
                    "alerters: {hook: {type: webhook, url: \"" + extras.webhook + "\"}}\n/unused: {}\n", "bench.yaml");
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

    ZkMonitor monitor() {
        return monitor;
    }

    @Override
    public void close() {
        monitor.close();
    }
}
