package io.zkmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Ports of 127.0.0.1 that nothing listens on right now. */
public final class FreePorts {

    /** The lowest port {@link #find()} hands out: above the well-known and most registered service ports. */
    private static final int LOWEST = 10_000;
    /** Where Linux starts its ephemeral ports by default; macOS and Windows start higher, at 49152. */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final int EPHEMERAL_START = ephemeralStart();
    /** Handed out already in this JVM: never twice, as a caller may ask for several ports before it binds any. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * A port nothing listens on right now, for servers that must be told their port before they start (and so cannot
     * take an ephemeral one). Another process may take it in between; that is rare enough for tests.
     *
     * <p>The port lies below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), which the kernel
     * never gives to an outgoing connection. So a server stopped and started again on the same port (a killed ensemble
     * member revived, a ZooKeeper restarted) finds it still free, even while other tests, in this JVM or another, open
     * and close connections by the thousand; a port from the ephemeral range may meanwhile be some client's local end.
     */
    public static int find() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200 && EPHEMERAL_START > LOWEST; attempt++) {
            int port = LOWEST + random.nextInt(EPHEMERAL_START - LOWEST);
            if (!GIVEN.contains(port) && free(port) && GIVEN.add(port)) {
                return port;
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** An {@code http://127.0.0.1:PORT/path} URL where nothing listens: connecting is refused. */
    public static URI refusing(String path) {
        return URI.create("http://127.0.0.1:" + find() + path);
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), or the lowest default of the common systems. */
    private static int ephemeralStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            if (Files.isReadable(range)) {
                String[] lowHigh = Files.readString(range).trim().split("\\s+");
                return Math.min(Integer.parseInt(lowHigh[0]), 65_535);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("FreePorts: cannot read " + range + " (" + e + "); assuming ephemeral ports start at "
                    + DEFAULT_EPHEMERAL_START);
        }
        return DEFAULT_EPHEMERAL_START;
    }
}
