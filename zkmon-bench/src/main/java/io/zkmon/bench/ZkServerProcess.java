package io.zkmon.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * A standalone ZooKeeper server in its own JVM on 127.0.0.1, so its CPU and heap stay out of the measured JVMs.
 * Writes are not fsynced ({@code zookeeper.forceSync=no}): the benchmarks measure watching, not disk.
 */
final class ZkServerProcess implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private ZkServerProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static ZkServerProcess start(String classpath) throws Exception {
        Path dir = Files.createTempDirectory("zkmon-bench-zk");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(cfg, String.join("\n",
                "tickTime=2000",
                "dataDir=" + dir.resolve("data"),
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                "maxClientCnxns=0",
                "admin.enableServer=false",
                "4lw.commands.whitelist=*",
                "snapCount=1000000",
                "") + "\n");
        List<String> cmd = List.of(javaBin(), "-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-Dzookeeper.forceSync=no",
                "-Dzookeeper.jute.maxbuffer=" + (16 * 1024 * 1024), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classpath, "org.apache.zookeeper.server.ZooKeeperServerMain", cfg.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        ZkServerProcess server = new ZkServerProcess(p, dir, port);
        server.awaitUp();
        return server;
    }

    static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ZooKeeper server exited; see " + dir.resolve("server.log"));
            }
            CountDownLatch up = new CountDownLatch(1);
            ZooKeeper zk = new ZooKeeper(connectString(), 10_000, e -> {
                if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    up.countDown();
                }
            });
            try {
                if (up.await(2, TimeUnit.SECONDS)) {
                    return;
                }
            } finally {
                zk.close();
            }
        }
        throw new IllegalStateException("ZooKeeper server did not come up; see " + dir.resolve("server.log"));
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
