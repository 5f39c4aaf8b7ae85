package io.zkmon.http;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.zkmon.core.ClusterView;
import io.zkmon.core.Version;
import io.zkmon.core.MonitorView;
import io.zkmon.core.dispatch.SilenceStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;

/**
 * What an {@link HttpServer} was built with, checked and fixed at {@link HttpServer.Builder#build()}.
 *
 * @param monitor     the monitor served
 * @param silences    the dispatcher's silence store, or null when silences are not served
 * @param token       guards mutations
 * @param host        the bind address
 * @param port        the port, 0 for any free one
 * @param registry    where metrics are registered
 * @param clock       the clock
 * @param statusFormat the shape of {@code /status} without {@code ?format}
 * @param reloads     config (re)loads for the metrics, or null
 * @param limits      what one client may cost
 */
record Settings(MonitorView monitor, SilenceStore silences, BearerToken token, String host, int port,
                PrometheusRegistry registry, Clock clock, StatusFormat statusFormat, ConfigReloads reloads, Limits limits) {

    /** The monitor's cluster, or this agent alone, serving on {@code boundPort}. */
    ClusterView clusterViewOrSingle(int boundPort) {
        return monitor.cluster().orElseGet(() -> single(boundPort));
    }

    private ClusterView single(int boundPort) {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElse(clock.instant());
        return ClusterView.single(new ClusterView.Agent(monitor.agentName(), localHostName(), self.pid(), Version.get(), started,
                boundPort));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
