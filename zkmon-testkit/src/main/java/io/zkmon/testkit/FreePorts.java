package io.zkmon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/** Ports of 127.0.0.1 that nothing listens on right now. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port nothing listens on right now, for servers that must be told their port before they start (and so cannot
     * take an ephemeral one). Another process may take it in between; that is rare enough for tests.
     */
    public static int find() {
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
}
