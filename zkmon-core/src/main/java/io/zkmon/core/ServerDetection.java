package io.zkmon.core;

import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine knows of the server it is connected to. At every new connection (a new session, or the same
 * session moved to another server of the ensemble) the server is asked again through the {@link ServerProbe}, unless
 * the embedder set the watch mode; an answer counts only for the connection it was asked in, since a reconnect may
 * land on a server of another version. Logs the server and its mode once per change, at INFO, and keeps why nothing
 * is read while the server is one zkmon refuses. Used under the engine's lock; {@link #server()} is read without it.
 */
final class ServerDetection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchEngine.class);

    private final ServerProbe probe;
    /** The mode the embedder asked for instead of asking the server, or null. */
    private final ServerInfo.WatchMode forcedMode;
    /** Moves at every connect and disconnect: an answer is for the connection it was asked in only. */
    private long connection;
    /** Connected, and waiting for the answer before reading anything. */
    private boolean asking;
    private volatile ServerInfo server;
    private String logged;
    /** Why nothing is read, while the server is one zkmon refuses; else null. */
    private String refusal;

    /** @param forcedMode {@code PERSISTENT} or {@code ONE_SHOT} to use instead of asking, or null to ask every server */
    ServerDetection(ServerInfo.WatchMode forcedMode) {
        if (forcedMode == ServerInfo.WatchMode.UNSUPPORTED) {
            throw new IllegalArgumentException("the watch mode to use must be PERSISTENT or ONE_SHOT");
        }
        this.forcedMode = forcedMode;
        this.probe = forcedMode == null ? new ServerProbe() : null;
    }

    /**
     * A new connection: asks its server, and gives the answer to {@code answered} with this connection's ticket (at
     * once when the mode is forced, else later on another thread); pass both to {@link #answered}.
     */
    void ask(ZooKeeper zk, BiConsumer<Long, ServerProbe.Result> answered) {
        long ticket = ++connection;
        asking = true;
        if (forcedMode != null) {
            answered.accept(ticket, new ServerProbe.Result("unknown", forcedMode, "the watch mode was set by the embedder"));
        } else {
            probe.detect(zk, result -> answered.accept(ticket, result));
        }
    }

    /**
     * Takes an answer: null when it is for a connection that is gone (the next one asks again); else records it, logs
     * it once per change and returns it.
     */
    ServerInfo answered(long ticket, ZooKeeper zk, ServerProbe.Result found) {
        if (ticket != connection) {
            return null;
        }
        asking = false;
        ServerInfo info = found.info();
        server = info;
        log(zk, found);
        if (info.mode() == ServerInfo.WatchMode.UNSUPPORTED) {
            refusal = "ZooKeeper " + info.version() + " is not supported: zkmon needs ZooKeeper 3.4 or later";
            LOG.error("{}; nothing is watched on this server, every path stays Unknown", refusal);
        } else {
            refusal = null;
        }
        return info;
    }

    void disconnected() {
        connection++;
        asking = false;
        server = null;
    }

    /** Whether paths may be read: the server's answer is in, and it is not one zkmon refuses. */
    boolean readable() {
        return !asking && refusal == null;
    }

    /** Waiting for the server's answer. */
    boolean asking() {
        return asking;
    }

    /** Why nothing is read on this server, or null. */
    String refusal() {
        return refusal;
    }

    /** The server connected to and how it is watched; null while not connected or not known yet. */
    ServerInfo server() {
        return server;
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close();
        }
    }

    private void log(ZooKeeper zk, ServerProbe.Result found) {
        String line = found.version() + " " + found.mode();
        if (line.equals(logged)) {
            LOG.debug("ZooKeeper server {}: {} watches ({})", found.version(), found.mode().label(), found.how());
            return;
        }
        logged = line;
        InetSocketAddress address = ServerProbe.remoteAddress(zk);
        String where = address == null ? "an unknown address" : ServerProbe.hostPort(address);
        switch (found.mode()) {
            case PERSISTENT -> LOG.info("ZooKeeper {} at {}: watching with persistent recursive watches ({})", found.version(), where, found.how());
            case ONE_SHOT -> LOG.info("ZooKeeper {} at {}: watching with one-shot watches, re-armed on every event ({})", found.version(), where,
                    found.how());
            case UNSUPPORTED -> LOG.info("ZooKeeper {} at {}: not supported ({})", found.version(), where, found.how());
        }
    }
}
