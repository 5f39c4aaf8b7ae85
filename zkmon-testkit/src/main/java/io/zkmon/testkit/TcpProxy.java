package io.zkmon.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy between one client and ZooKeeper on 127.0.0.1, to fail that client's network the ways that matter
 * while everybody else still reaches the server. Point the client under test at {@link #connectString()}:
 * <ul>
 *   <li>{@link #cut()}: every connection is closed and new ones are refused, as when the process is killed
 *       ({@code kill -9}): the server sees the socket go but keeps the session until it times out;</li>
 *   <li>{@link #blackhole()}: bytes are swallowed in both directions and nothing is closed, as in a network
 *       partition: the client only notices by hearing nothing, the server only by the session timing out;</li>
 *   <li>{@link #heal()}: back to forwarding (open connections are dropped so the client reconnects).</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode { OPEN, CUT, BLACKHOLE }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile Mode mode = Mode.OPEN;

    /** A proxy to the first server of a connect string. */
    public static TcpProxy to(String connectString) throws IOException {
        return new TcpProxy(connectString);
    }

    private TcpProxy(String connectString) throws IOException {
        String hostPort = connectString.split(",")[0];
        int colon = hostPort.lastIndexOf(':');
        this.target = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** Where clients connect instead of the server. */
    public String connectString() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Closes every connection and refuses new ones, as when the process is killed. */
    public void cut() {
        mode = Mode.CUT;
        closeAll();
    }

    /** Swallows bytes both ways and closes nothing, as in a network partition. */
    public void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    /** Forwards again; open connections are dropped so the client reconnects. */
    public void heal() {
        closeAll();
        mode = Mode.OPEN;
    }

    @Override
    public void close() {
        mode = Mode.CUT;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        closeAll();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Mode m = mode;
            if (m == Mode.CUT) {
                quietly(client);
                continue;
            }
            sockets.add(client);
            if (m == Mode.BLACKHOLE) {
                threads.execute(() -> pump(client, null, null));
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                sockets.add(upstream);
                threads.execute(() -> pump(client, upstream, client));
                threads.execute(() -> pump(upstream, client, client));
            } catch (IOException e) {
                quietly(client);
            }
        }
    }

    /** Copies from one socket to the other while open; swallows while blackholed; an end closes both unless blackholed. */
    private void pump(Socket from, Socket to, Socket client) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to == null ? null : to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (mode == Mode.OPEN && out != null) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // closed
        }
        if (mode == Mode.BLACKHOLE && client != null) {
            return; // the server hung up: in a partition the client must not learn of it
        }
        quietly(from);
        if (to != null) {
            quietly(to);
        }
    }

    private void closeAll() {
        for (Socket s : sockets) {
            quietly(s);
        }
        sockets.clear();
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }
}
