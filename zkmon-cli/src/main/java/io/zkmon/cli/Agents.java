package io.zkmon.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This process as a zkmon agent: its host and its name. */
final class Agents {

    private Agents() {
    }

    /** The host name, or {@code localhost} when it cannot be found. */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** {@code host-pid}: unique among the agents of a cluster, and what the monitor uses by default. */
    static String defaultName() {
        return host() + "-" + ProcessHandle.current().pid();
    }
}
