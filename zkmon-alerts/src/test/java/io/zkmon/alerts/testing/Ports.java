package io.zkmon.alerts.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/** Free and closed ports on 127.0.0.1. */
public final class Ports {

    private Ports() {
    }

    /** A port nothing listens on right now (for servers that need their port before they start). */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** A URL where nothing listens: connecting is refused. */
    public static URI refusing(String path) {
        return URI.create("http://127.0.0.1:" + free() + path);
    }
}
