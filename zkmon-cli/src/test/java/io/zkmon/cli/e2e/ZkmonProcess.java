package io.zkmon.cli.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The real {@code zkmon-<version>.jar}, run as people run it: {@code java -jar zkmon.jar ARGS}, with stdout and stderr
 * collected for assertions. The environment starts clean of every variable zkmon reads, so the developer's own
 * settings cannot leak into a test.
 */
final class ZkmonProcess implements AutoCloseable {

    /** The variables zkmon reads; removed from the inherited environment. */
    private static final List<String> ZKMON_VARIABLES = List.of("ZOOKEEPER", "ZOOKEEPER_HOST", "ZOOKEEPER_PORT", "HTTP_PORT", "LOG_LEVEL",
            "CONFIG_FILE", "SMTP_HOST", "SMTP_PORT", "ZKMON_API_TOKEN", "ZKMON_ZOOKEEPER_USER", "ZKMON_ZOOKEEPER_PASS", "JAVA_TOOL_OPTIONS",
            "ZKMON_ZOOKEEPER_PASS_FILE", "ZKMON_ZOOKEEPER_TLS", "ZKMON_ZOOKEEPER_TRUSTSTORE", "ZKMON_ZOOKEEPER_TRUSTSTORE_PASS",
            "ZKMON_ZOOKEEPER_TRUSTSTORE_PASS_FILE", "ZKMON_ZOOKEEPER_KEYSTORE", "ZKMON_ZOOKEEPER_KEYSTORE_PASS",
            "ZKMON_ZOOKEEPER_KEYSTORE_PASS_FILE", "ZKMON_ZOOKEEPER_SASL");

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;
    private final List<String> command;

    private ZkmonProcess(List<String> command, Map<String, String> env, Path workDir) throws IOException {
        this.command = command;
        ProcessBuilder pb = new ProcessBuilder(command);
        ZKMON_VARIABLES.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        process = pb.start();
        process.getOutputStream().close();
        outReader = pump(process.getInputStream(), out, "stdout");
        errReader = pump(process.getErrorStream(), err, "stderr");
    }

    /** The jar under test (built in {@code package}, just before the integration tests). */
    static Path jar() {
        String p = System.getProperty("zkmon.jar");
        if (p == null || !Files.isRegularFile(Path.of(p))) {
            throw new IllegalStateException("the runnable jar is missing (" + p + "); run the tests with `mvn verify`");
        }
        return Path.of(p);
    }

    /** Starts {@code java [jvmOptions] -jar zkmon.jar args}. */
    static ZkmonProcess start(List<String> jvmOptions, List<String> args, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(args);
        return new ZkmonProcess(cmd, env, null);
    }

    static ZkmonProcess start(String... args) throws IOException {
        return start(List.of(), List.of(args), Map.of());
    }

    /** Runs to the end (bounded) and returns the finished process. */
    static ZkmonProcess run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ZkmonProcess p = start(List.of(), List.of(args), env);
        p.awaitExit(Duration.ofSeconds(60));
        return p;
    }

    static ZkmonProcess run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private static Thread pump(InputStream in, StringBuffer into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "zkmon-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return out.toString();
    }

    String stderr() {
        return err.toString();
    }

    /** Both streams, for messages. */
    String output() {
        return "--- command: " + String.join(" ", command) + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }

    /** Waits until stdout or stderr contains the text. */
    void awaitOutput(String text, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .failFast(() -> !process.isAlive() && !(out.indexOf(text) >= 0 || err.indexOf(text) >= 0))
                    .until(() -> out.indexOf(text) >= 0 || err.indexOf(text) >= 0);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError("zkmon did not print '" + text + "' within " + timeout + (process.isAlive() ? "" : " (it exited)")
                    + ":\n" + output(), e);
        }
    }

    /**
     * Ctrl-C as the environment allows: SIGINT, unless this process was started with SIGINT ignored (a job started in
     * the background by a non-interactive shell, as some CI runners do), which no program can undo: then SIGTERM,
     * the signal the same shutdown path answers. Returns the signal sent.
     */
    String interrupt() throws IOException, InterruptedException {
        String sig = ignores(2) ? "TERM" : "INT";
        if (sig.equals("TERM")) {
            System.out.println("SIGINT is ignored in this environment (started in the background): sending SIGTERM instead");
        }
        signal(sig);
        return sig;
    }

    /** Whether the process ignores a signal, from the SigIgn mask in /proc (Linux). */
    boolean ignores(int signal) throws IOException {
        java.nio.file.Path status = java.nio.file.Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!java.nio.file.Files.exists(status)) {
            return false;
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (mask & (1L << (signal - 1))) != 0;
            }
        }
        return false;
    }

    /** Sends a signal (TERM, HUP, INT) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the process to end; returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("zkmon did not exit within " + timeout + ":\n" + this);
        }
        outReader.join(5_000);
        errReader.join(5_000);
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return output();
    }
}
