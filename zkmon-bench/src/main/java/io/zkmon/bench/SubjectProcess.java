package io.zkmon.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/** A fresh JVM running one implementation, and what it has reported. */
final class SubjectProcess implements AutoCloseable {

    final String impl;
    private final Process process;
    private final Writer stdin;
    private final AtomicIntegerArray seen;
    private final AtomicLongArray seenAt;
    private final AtomicLong lastLineAt = new AtomicLong();
    private final Object signal = new Object();
    private volatile String primedLine;
    private volatile int[] dump;
    private volatile String failure;

    SubjectProcess(String impl, String classpath, String connect, int n, Path log, List<String> extraArgs) throws Exception {
        this.impl = impl;
        this.seen = new AtomicIntegerArray(n);
        this.seenAt = new AtomicLongArray(n);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms1g", "-Xmx6g",
                // BENCH_LOG=info (or debug) shows what the subject does, with timestamps, in its log file
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + Objects.requireNonNullElse(System.getenv("BENCH_LOG"), "warn"),
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", "-cp", classpath, "io.zkmon.bench.Subject", impl, connect,
                String.valueOf(n)));
        String jfr = System.getenv("BENCH_JFR");
        if (jfr != null) {
            // profile the subject: BENCH_JFR=<dir> writes one recording per implementation and size
            cmd.add(1, "-XX:StartFlightRecording=filename=" + Path.of(jfr, impl + "-" + n + ".jfr") + ",settings=profile");
        }
        cmd.addAll(extraArgs);
        this.process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "subject-" + impl);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int[] building = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("C ")) {
                    int a = line.indexOf(' ', 2);
                    int b = line.indexOf(' ', a + 1);
                    int i = Integer.parseInt(line, 2, a, 10);
                    int c = Integer.parseInt(line, a + 1, b, 10);
                    long t = Long.parseLong(line, b + 1, line.length(), 10);
                    seenAt.set(i, t);
                    seen.set(i, c);
                    lastLineAt.set(System.nanoTime());
                } else if (line.startsWith("D ")) {
                    if (building == null) {
                        building = new int[seen.length()];
                    }
                    int a = line.indexOf(' ', 2);
                    building[Integer.parseInt(line, 2, a, 10)] = Integer.parseInt(line, a + 1, line.length(), 10);
                    continue;
                } else if (line.equals("END")) {
                    dump = building == null ? new int[seen.length()] : building;
                    building = null;
                } else if (line.startsWith("PRIMED ")) {
                    primedLine = line;
                }
                synchronized (signal) {
                    signal.notifyAll();
                }
            }
        } catch (Exception e) {
            failure = e.toString();
        }
        failure = failure == null ? "subject exited" : failure;
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Waits until a condition on what was reported holds; false on timeout. */
    boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (signal) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (failure != null && !condition.getAsBoolean())) {
                    return condition.getAsBoolean();
                }
                signal.wait(Math.max(1, Math.min(50, left / 1_000_000)));
            }
            return true;
        }
    }

    /** The PRIMED line's fields, waiting for it. */
    String[] primed(long timeoutMillis) throws InterruptedException {
        if (!await(() -> primedLine != null, timeoutMillis)) {
            throw new IllegalStateException(impl + " did not prime: " + failure);
        }
        return primedLine.split(" ");
    }

    int seen(int i) {
        return seen.get(i);
    }

    long seenAt(int i) {
        return seenAt.get(i);
    }

    long lastLineAt() {
        return lastLineAt.get();
    }

    int[] dump() throws Exception {
        dump = null;
        stdin.write("DUMP\n");
        stdin.flush();
        if (!await(() -> dump != null, 120_000)) {
            throw new IllegalStateException(impl + " did not dump its counts: " + failure);
        }
        return dump;
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.write("EXIT\n");
            stdin.flush();
        } catch (Exception e) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
