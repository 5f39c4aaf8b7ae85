package io.zkmon.core;

import io.zkmon.core.ServerInfo.WatchMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.X509Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out what the ZooKeeper server a session is connected to supports, without ever sending that session a request
 * the server may not know: ZooKeeper 3.4 and 3.5 answer an unknown opcode ({@code addWatch}, a read-only
 * {@code multi}) with UNIMPLEMENTED and then close the connection ({@code UnimplementedRequestProcessor}), so trying
 * and seeing would turn into a disconnect and reconnect loop.
 *
 * <ol>
 *   <li>The {@code srvr} four-letter word, on a socket of its own, to the server the session is connected to: its
 *       version. Every release allows {@code srvr} whatever {@code 4lw.commands.whitelist} says (its
 *       {@code zkServer.sh} needs it). When the session's client is secure ({@code zookeeper.client.secure}), the
 *       socket is TLS with the client's own settings (truststore, keystore), as a secure client port answers
 *       four-letter words only over TLS. A proxy or firewall may not pass it.</li>
 *   <li>Without it: does {@code /zookeeper/config} exist (every 3.5+ server has it; 3.4 has not)? A plain
 *       {@code exists} every version knows.</li>
 *   <li>A 3.5+ server that does not say its version: {@code addWatch} on a throwaway session of its own to that one
 *       server (same client settings: TLS, SASL). UNIMPLEMENTED means 3.5, anything else 3.6 or later; when that
 *       session closes, nothing of ours is lost.</li>
 *   <li>Nothing answered: one-shot watches, which every version supports.</li>
 * </ol>
 * It runs on a thread of its own ({@code zkmon-server-probe}), since each step may wait for the network; the answer
 * goes to a callback on that thread.
 */
final class ServerProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchEngine.class);
    private static final int SOCKET_TIMEOUT_MS = 2_000;
    private static final int PROBE_SESSION_MS = 5_000;
    private static final Pattern VERSION = Pattern.compile("Zookeeper version: ([0-9][^,\\s]*)");
    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /**
     * What the probe found.
     *
     * @param version the version as the server says it ({@code 3.4.14}), or {@code unknown}
     * @param mode    how to watch it
     * @param how     how it was found, for the log
     */
    record Result(String version, WatchMode mode, String how) {
        ServerInfo info() {
            return new ServerInfo(version, mode);
        }
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zkmon-server-probe");
        t.setDaemon(true);
        return t;
    });

    /** Asks, on the probe's thread, what the server of this session supports; {@code done} gets the answer there. */
    void detect(ZooKeeper zk, Consumer<Result> done) {
        try {
            thread.execute(() -> {
                Result r;
                try {
                    r = detect(zk);
                } catch (RuntimeException e) {
                    LOG.warn("Could not ask the ZooKeeper server what it supports ({}); using one-shot watches, which every version has", e.toString());
                    r = new Result("unknown", WatchMode.ONE_SHOT, "the probe failed: " + e);
                }
                done.accept(r);
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("Server probe closed; not asking");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private static Result detect(ZooKeeper zk) {
        return detect(zk, true);
    }

    /**
     * Asks on the calling thread.
     *
     * @param askSrvr false to go straight to the steps for a server that does not answer {@code srvr} (tests)
     */
    static Result detect(ZooKeeper zk, boolean askSrvr) {
        InetSocketAddress server = remoteAddress(zk);
        String srvrProblem;
        if (server == null) {
            srvrProblem = "the connected server's address is not known";
        } else if (!askSrvr) {
            srvrProblem = "srvr not asked";
        } else {
            String answer = isSecure(zk) ? secureFourLetterWord(server, "srvr", zk.getClientConfig()) : fourLetterWord(server, "srvr");
            String version = answer == null ? null : versionIn(answer);
            if (version != null) {
                return classify(version, "srvr at " + hostPort(server));
            }
            srvrProblem = answer == null ? "srvr at " + hostPort(server) + " did not answer (" + (isSecure(zk) ? "over TLS" : "a TLS-only client port") + ", or four-letter words off)"
                    : answer.contains("whitelist") || answer.contains("allow")
                    ? "srvr is not in 4lw.commands.whitelist at " + hostPort(server)
                    : "srvr at " + hostPort(server) + " answered without a version";
        }
        try {
            if (zk.exists("/zookeeper/config", false) == null) {
                return new Result("unknown", WatchMode.ONE_SHOT, srvrProblem + "; no /zookeeper/config, so 3.4 or older");
            }
        } catch (KeeperException e) {
            return new Result("unknown", WatchMode.ONE_SHOT, srvrProblem + "; /zookeeper/config could not be read (" + e.code() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("unknown", WatchMode.ONE_SHOT, "interrupted");
        }
        if (server == null) {
            return new Result("unknown", WatchMode.ONE_SHOT, srvrProblem + "; 3.5 or later, persistent watches not tried");
        }
        return tryAddWatch(zk, server, srvrProblem);
    }

    /** The mode for a version: 3.6+ persistent, 3.4 and 3.5 one-shot, older unsupported. */
    static Result classify(String version, String how) {
        Matcher m = NUMBERS.matcher(version);
        if (!m.lookingAt()) {
            return new Result(version, WatchMode.ONE_SHOT, how + "; version not understood");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        WatchMode mode;
        if (major > 3 || (major == 3 && minor >= 6)) {
            mode = WatchMode.PERSISTENT;
        } else if (major == 3 && minor >= 4) {
            mode = WatchMode.ONE_SHOT;
        } else {
            mode = WatchMode.UNSUPPORTED;
        }
        return new Result(version, mode, how);
    }

    /** {@code 3.4.14} out of {@code srvr}'s {@code Zookeeper version: 3.4.14-4c25d..., built on ...}. */
    static String versionIn(String srvr) {
        Matcher m = VERSION.matcher(srvr);
        if (!m.find()) {
            return null;
        }
        String v = m.group(1);
        int dash = v.indexOf('-');
        return dash > 0 ? v.substring(0, dash) : v;
    }

    /** A four-letter word's answer, or null when the server gives none. */
    static String fourLetterWord(InetSocketAddress server, String word) {
        try (Socket s = new Socket()) {
            s.connect(server, SOCKET_TIMEOUT_MS);
            s.setSoTimeout(SOCKET_TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] answer = in.readNBytes(64 * 1024);
            return answer.length == 0 ? null : new String(answer, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.debug("{} to {}: {}", word, server, e.toString());
            return null;
        }
    }

    private static boolean isSecure(ZooKeeper zk) {
        ZKClientConfig c = zk.getClientConfig();
        return c != null && c.getBoolean(ZKClientConfig.SECURE_CLIENT);
    }

    /** A four-letter word's answer over TLS with the client's settings, or null when the server gives none. */
    static String secureFourLetterWord(InetSocketAddress server, String word, ZKClientConfig config) {
        try {
            String answer = FourLetterWordMain.send4LetterWord(server.getHostString(), server.getPort(), word, config,
                    SOCKET_TIMEOUT_MS);
            return answer == null || answer.isEmpty() ? null : answer;
        } catch (IOException | X509Exception.SSLContextException | RuntimeException e) {
            LOG.debug("{} over TLS to {}: {}", word, server, e.toString());
            return null;
        }
    }

    /** Sends {@code addWatch} on a session of its own to the same server, which is closed afterwards. */
    private static Result tryAddWatch(ZooKeeper zk, InetSocketAddress server, String srvrProblem) {
        CountDownLatch connected = new CountDownLatch(1);
        Watcher watcher = event -> {
            if (event.getType() == Watcher.Event.EventType.None && event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        };
        ZooKeeper probe = null;
        try {
            probe = new ZooKeeper(hostPort(server), PROBE_SESSION_MS, watcher, false, zk.getClientConfig());
            if (!connected.await(PROBE_SESSION_MS, TimeUnit.MILLISECONDS)) {
                return new Result("unknown", WatchMode.ONE_SHOT, srvrProblem + "; a probe session did not connect");
            }
            try {
                probe.addWatch("/", event -> { }, AddWatchMode.PERSISTENT);
            } catch (KeeperException.UnimplementedException e) {
                return new Result("unknown", WatchMode.ONE_SHOT, srvrProblem + "; addWatch is UNIMPLEMENTED, so 3.5");
            } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
                return new Result("unknown", WatchMode.ONE_SHOT, srvrProblem + "; the probe session was lost (" + e.code() + ")");
            } catch (KeeperException e) {
                // NOAUTH and the like: the server knows addWatch
                LOG.debug("addWatch probe: {}", e.code());
            }
            return new Result("unknown", WatchMode.PERSISTENT, srvrProblem + "; addWatch works, so 3.6 or later");
        } catch (IOException e) {
            return new Result("unknown", WatchMode.ONE_SHOT, srvrProblem + "; a probe session could not start (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("unknown", WatchMode.ONE_SHOT, "interrupted");
        } finally {
            if (probe != null) {
                try {
                    probe.close(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The server a session is connected to, or null when that cannot be told. */
    static InetSocketAddress remoteAddress(ZooKeeper zk) {
        try {
            // protected "for testing" in ZooKeeper, public in spirit: the address of the connected server
            Method m = ZooKeeper.class.getDeclaredMethod("testableRemoteSocketAddress");
            m.setAccessible(true);
            SocketAddress a = (SocketAddress) m.invoke(zk);
            if (a instanceof InetSocketAddress i) {
                return i;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("No remote address through the client ({}); reading it from its description", e.toString());
        }
        // ZooKeeper's toString: "... remoteserver:host/127.0.0.1:2181 lastZxid:..."
        Matcher m = Pattern.compile("remoteserver:(?:[^/\\s]*/)?(\\S+):(\\d+)").matcher(String.valueOf(zk));
        if (m.find()) {
            return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
        }
        return null;
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
