package io.zkmon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.util.ServiceUtils;

/**
 * The demo's ZooKeeper: a standalone server in this JVM, built from ZooKeeper's own server classes, on a free port of
 * 127.0.0.1 with its data in a temporary directory that {@link #close()} deletes.
 *
 * <p>Not {@code ZooKeeperServerEmbedded}: it reports a server that failed to start only when its start-up timeout
 * ends, and then hangs closing it (ZooKeeper 3.9.5). Started this way, a failure is an exception at once, the port is
 * the kernel's choice (no race for a "free" one), and no admin server competes for the dashboard's port 8080.
 */
final class DemoZooKeeper implements AutoCloseable {

    private static final int TICK_MILLIS = 2_000;

    private final Path dir;
    private final ServerCnxnFactory connections;

    private DemoZooKeeper(Path dir, ServerCnxnFactory connections) {
        this.dir = dir;
        this.connections = connections;
    }

    /** Starts the server; it serves clients when this returns. */
    static DemoZooKeeper start() throws IOException, InterruptedException {
        // a server that fails must not end the JVM behind the demo's back
        ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);
        Path dir = Files.createTempDirectory("zkmon-demo-zookeeper");
        ServerCnxnFactory connections = null;
        try {
            ZooKeeperServer server = new ZooKeeperServer(dir.resolve("data").toFile(), dir.resolve("log").toFile(), TICK_MILLIS);
            connections = ServerCnxnFactory.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            connections.startup(server);
            return new DemoZooKeeper(dir, connections);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (connections != null) {
                connections.shutdown();
            }
            deleteQuietly(dir);
            throw e;
        }
    }

    /** {@code 127.0.0.1:port}. */
    String connectString() {
        return "127.0.0.1:" + connections.getLocalPort();
    }

    /** Stops the server (and its connections) and deletes its data. */
    @Override
    public void close() {
        try {
            connections.shutdown();
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind; nothing else to do while exiting
        }
    }
}
