package io.zkmon.cli.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone ZooKeeper server in its own process ({@code ZooKeeperServerMain}, from the test classpath), listening on
 * 127.0.0.1 only. Unlike an in-process TestingServer it can be killed and restarted like a real ensemble.
 */
final class ZooKeeperServerProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    private ZooKeeperServerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server with its data in {@code dir} and waits until it answers. */
    static ZooKeeperServerProcess start(Path dir) throws IOException {
        ZooKeeperServerProcess zk = new ZooKeeperServerProcess(dir, FreePorts.find());
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("zoo.cfg"), String.join("\n",
                "tickTime=500",
                "initLimit=10",
                "syncLimit=5",
                "dataDir=" + dir.resolve("data"),
                "clientPort=" + zk.port,
                "clientPortAddress=127.0.0.1",
                "maxClientCnxns=0",
                "admin.enableServer=false",
                "4lw.commands.whitelist=ruok",
                ""));
        zk.launch();
        return zk;
    }

    private void launch() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx128m", "-Dzookeeper.admin.enableServer=false",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.zookeeper.server.ZooKeeperServerMain", dir.resolve("zoo.cfg").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("zookeeper.log").toFile()))
                .start();
        await("ZooKeeper on port " + port + " answering ruok").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(this::answers);
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("ZooKeeper exited with " + process.exitValue() + "; see " + dir.resolve("zookeeper.log"));
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("ruok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).equals("imok");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code 127.0.0.1:port}. */
    String connectString() {
        return "127.0.0.1:" + port;
    }

    /** Stops the server (data kept). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts it again on the same port with the same data. */
    void restart() throws IOException {
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
