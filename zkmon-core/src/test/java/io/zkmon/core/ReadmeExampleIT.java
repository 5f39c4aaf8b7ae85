package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.testing.RecordingAlerter;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.ServiceInstance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's examples, verbatim, so the front door never lies. */
class ReadmeExampleIT {

    // --- README: "Test your registrations" ---
    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    @Test
    void alertsWhenAnInstanceDies() throws Exception {
        RecordingAlerter alerts = RecordingAlerter.fresh("orders");
        ServiceInstance a = zk.register("/services/orders/instances", "a");
        zk.register("/services/orders/instances", "b");
        zk.monitor("/services/orders/instances: {children: 2, alerter: {recording: orders}}");

        a.crash();

        Notification n = alerts.awaitFiring("/services/orders/instances", Duration.ofSeconds(10));
        assertThat(n.message()).isEqualTo("Found children (1) less than minimum (2)");
        assertThat(n.childrenRemoved()).containsExactly("a");
    }
    // --- end ---

    @Test
    void theEmbeddingExampleRuns() throws Exception {
        zk.register("/services/payments/instances", "p1");
        var client = zk.client();
        List<String> printed = new CopyOnWriteArrayList<>();

        // --- README: "Embed it" ---
        try (ZkMonitor monitor = ZkMonitor.builder()
                .curator(client)                       // your started CuratorFramework; zkmon never closes it
                .configYaml("""
                        /services/payments/instances:
                          children: 2
                          cancel_timeout: 10s
                          alerter: log
                        """)
                .listener(new MonitorListener() {
                    @Override
                    public void onTransition(Transition t) {
                        printed.add(t.path() + " is " + t.state() + ": " + t.current().message());
                    }
                })
                .build()
                .start()) {
            monitor.awaitPrimed(Duration.ofSeconds(10));
            monitor.status().paths().forEach(p -> printed.add(p.path() + " " + p.state() + " (" + p.childCount() + ")"));
        }
        // --- end ---

        assertThat(printed).contains(
                "/services/payments/instances is ERROR: Found children (1) less than minimum (2)",
                "/services/payments/instances ERROR (1)");
    }
}
