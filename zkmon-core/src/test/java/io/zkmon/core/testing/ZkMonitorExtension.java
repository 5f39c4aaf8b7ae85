package io.zkmon.core.testing;

import io.zkmon.core.ZkMonitor;
import io.zkmon.testkit.ZooKeeperExtension;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real ZooKeeper for JUnit 5 tests (see {@link ZooKeeperExtension}) that also starts zkmon monitors of it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ZkMonitorExtension zk = ZkMonitorExtension.server();
 *
 * @Test
 * void alertsWhenAnInstanceDies() throws Exception {
 *     RecordingAlerter alerts = RecordingAlerter.fresh("t");
 *     ServiceInstance a = zk.register("/services/foo", "a");
 *     zk.monitor("/services/foo: {children: 1, alerter: {recording: t}}");
 *     a.crash();
 *     alerts.awaitFiring("/services/foo", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * Monitors are closed after each test before anything else the test made, so that instances going away afterwards
 * raise nothing in a monitor still running.
 */
public final class ZkMonitorExtension extends ZooKeeperExtension {

    private ZkMonitorExtension(int ensembleSize) {
        super(ensembleSize);
    }

    /** One standalone server. */
    public static ZkMonitorExtension server() {
        return new ZkMonitorExtension(1);
    }

    /** An ensemble of {@code size} servers (3 or 5), to kill and revive members. */
    public static ZkMonitorExtension cluster(int size) {
        return new ZkMonitorExtension(size);
    }

    /** Closes a resource after the current test; a {@link ZkMonitor} before everything else. */
    @Override
    public <T extends AutoCloseable> T closeAfterTest(T resource) {
        return resource instanceof ZkMonitor ? fixture().closeLaterFirst(resource) : super.closeAfterTest(resource);
    }

    /** Builds, starts and primes a monitor of this server from YAML, using the shared client; closed after the test. */
    public ZkMonitor monitor(String yaml) throws Exception {
        return monitor(yaml, b -> { });
    }

    /** Like {@link #monitor(String)}, letting the test adjust the builder first (its own client, listeners...). */
    public ZkMonitor monitor(String yaml, Consumer<ZkMonitor.Builder> customize) throws Exception {
        ZkMonitor.Builder b = ZkMonitor.builder().curator(client()).configYaml(yaml);
        customize.accept(b);
        ZkMonitor m = closeAfterTest(b.build());
        m.start();
        if (!m.awaitPrimed(Duration.ofSeconds(30))) {
            throw new AssertionError("monitor did not read its paths within 30 s: " + m.status());
        }
        return m;
    }
}
