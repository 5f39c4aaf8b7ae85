package io.zkmon.http;

import io.zkmon.core.ZkMonitor;
import java.io.IOException;

/**
 * A monitor and its HTTP server in a JVM of their own, for {@link SmallHeapIT}: started with the heap the shipped
 * systemd unit gives the daemon. Prints {@code PORT <n>} once serving, and stops when its standard input closes.
 *
 * <p>Arguments: the ZooKeeper connect string, then the config as YAML.
 */
public final class SmallHeapServer {

    private SmallHeapServer() {
    }

    public static void main(String[] args) throws IOException {
        try (ZkMonitor monitor = ZkMonitor.builder().connectString(args[0]).configYaml(args[1]).build().start();
             HttpServer http = HttpServer.builder().monitor(monitor).bind("127.0.0.1").port(0).build().start()) {
            System.out.println("PORT " + http.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the test closes our standard input
            }
        }
    }
}
