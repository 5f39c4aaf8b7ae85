package io.zkmon.cli;

import io.zkmon.core.MonitorListener;
import io.zkmon.core.ServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the daemon when the first ZooKeeper server it reaches is one zkmon cannot watch at all (older than 3.4): a
 * monitor that cannot see must not run quietly with every path Unknown. A server that turns unsupported later (an
 * ensemble rolled back server by server) does not stop it: the engine keeps every path Unknown with the reason, and
 * the self-alerts report it.
 */
final class ServerGuard implements MonitorListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServerGuard.class);

    private final Shutdown shutdown;
    private volatile boolean answered;
    private volatile String refusal;

    ServerGuard(Shutdown shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public void onServer(ServerInfo server) {
        if (answered) {
            return;
        }
        answered = true;
        if (server.mode() == ServerInfo.WatchMode.UNSUPPORTED) {
            refusal = "ZooKeeper " + server.version() + " is not supported: zkmon needs ZooKeeper 3.4 or later";
            LOG.error("{}; stopping", refusal);
            shutdown.request("unsupported ZooKeeper server");
        }
    }

    /** Why the daemon stopped itself, or null when it did not. */
    String refusal() {
        return refusal;
    }
}
