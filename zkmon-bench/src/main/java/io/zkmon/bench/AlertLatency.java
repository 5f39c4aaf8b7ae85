package io.zkmon.bench;

import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * End-to-end alert latency: a child is deleted under a path with {@code children: 3} and {@code cancel_timeout: 0},
 * watched by zkmon's engine (in a JVM of its own, through its public API) with one email alerter (to {@link SmtpSink})
 * and one webhook alerter (to the testkit's {@link HttpSink}). Each round times, from just before the {@code delete()},
 * until the SMTP server has the whole mail (end of DATA) and until the HTTP receiver has the POST; then the child is
 * restored and both recovery notices are awaited before the next round. Run three times: with the SMTP server keeping
 * the connection open (zkmon reuses it for the next mail); with the server closing it after each mail (every mail on
 * a new connection, as after a quiet spell); and with the connection kept but a mail larger than one 8 KiB write
 * (the path carries a long {@code description}), where Nagle's algorithm would wait for a delayed ACK.
 */
final class AlertLatency {

    static final int WARMUP = 20;
    /** The description that makes the third run's mails larger than Jakarta Mail's 8 KiB write buffer. */
    static final int LARGE_DESCRIPTION = 12_000;
    private static final long WAIT_MILLIS = 30_000;
    private static final Pattern FIRING = Pattern.compile("\"status\"\\s*:\\s*\"firing\"");
    private static final Pattern RESOLVED = Pattern.compile("\"status\"\\s*:\\s*\"resolved\"");

    /**
     * What one way of running the SMTP server measured (all sorted, nanoseconds).
     *
     * @param name           {@code kept}, {@code new} or {@code large}: how the SMTP server treated connections, and the mail
     * @param detected       delete to zkmon's listener having the new count, per round
     * @param email          delete to end of DATA, per round
     * @param webhook        delete to the POST's body read, per round
     * @param phases         per step of the SMTP conversation (server side: when each command arrived), in order seen
     * @param newConnections how many measured mails came on a connection opened for them
     * @param mailBytes      the median size of the measured mails
     */
    record Mode(String name, long[] detected, long[] email, long[] webhook, Map<String, long[]> phases, int newConnections,
                long mailBytes) {
    }

    /** Everything the run measured, and the load around it. */
    record Result(int rounds, String zookeeperVersion, List<Mode> modes, String loadBefore, String loadAfter, long seconds) {
    }

    private AlertLatency() {
    }

    static Result run(String classpath, Path logs, int rounds) throws Exception {
        String loadBefore = Bench.loadAverage();
        long start = System.nanoTime();
        List<Mode> modes = new ArrayList<>();
        try (ZooKeeperServerProcess server = ZooKeeperServerProcess.builder().classpath(classpath)
                .config("tickTime", "2000").config("4lw.commands.whitelist", "*")
                .jvmOptions("-Xmx512m", "-XX:+UseParallelGC", "-Dzookeeper.forceSync=no")
                .logLevel("warn")
                .start();
             Tree tree = new Tree(server.connectString(), 1);
             SmtpSink smtp = SmtpSink.start();
             HttpSink http = HttpSink.start()) {
            tree.populate();
            List<String> extras = List.of("--webhook", http.url("/hook").toString(), "--email", "127.0.0.1:" + smtp.port(),
                    "--min", String.valueOf(Tree.CHILDREN));
            try (SubjectProcess zkmon = new SubjectProcess("zkmon", classpath, server.connectString(), 1,
                    logs.resolve("zkmon-alert-latency.log"), extras)) {
                zkmon.primed(60_000);
                smtp.closeAfterMail(false);
                modes.add(measure("kept", tree, zkmon, smtp, http, rounds));
                smtp.closeAfterMail(true);
                modes.add(measure("new", tree, zkmon, smtp, http, rounds));
            }
            List<String> large = new ArrayList<>(extras);
            large.addAll(List.of("--description", String.valueOf(LARGE_DESCRIPTION)));
            try (SubjectProcess zkmon = new SubjectProcess("zkmon", classpath, server.connectString(), 1,
                    logs.resolve("zkmon-alert-latency-large.log"), large)) {
                zkmon.primed(60_000);
                smtp.closeAfterMail(false);
                modes.add(measure("large", tree, zkmon, smtp, http, rounds));
            }
        }
        return new Result(rounds, org.apache.zookeeper.Version.getFullVersion().split(",")[0], modes, loadBefore,
                Bench.loadAverage(), (System.nanoTime() - start) / 1_000_000_000L);
    }

    private static Mode measure(String name, Tree tree, SubjectProcess zkmon, SmtpSink smtp, HttpSink http, int rounds)
            throws Exception {
        long[] detected = new long[rounds];
        long[] email = new long[rounds];
        long[] webhook = new long[rounds];
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        long[] bytes = new long[rounds];
        int newConnections = 0;
        for (int j = 0; j < WARMUP + rounds; j++) {
            int k = j % Tree.CHILDREN;
            long t0 = System.nanoTime();
            tree.delete(0, k);
            SmtpSink.Mail mail = smtp.await(m -> "firing".equals(m.status()) && m.endNanos() >= t0, WAIT_MILLIS);
            HttpSink.Request post = awaitPost(http, FIRING, t0);
            if (mail == null || post == null) {
                throw new IllegalStateException("round " + j + " (" + name + "): no " + (mail == null ? "mail" : "webhook POST")
                        + " within " + WAIT_MILLIS / 1000 + " s of deleting " + Tree.child(0, k));
            }
            if (!zkmon.await(() -> zkmon.seen(0) == Tree.CHILDREN - 1 && zkmon.seenAt(0) >= t0, WAIT_MILLIS)) {
                throw new IllegalStateException("round " + j + " (" + name + "): zkmon alerted but did not report the count");
            }
            if (j >= WARMUP) {
                detected[j - WARMUP] = zkmon.seenAt(0) - t0;
                email[j - WARMUP] = mail.endNanos() - t0;
                webhook[j - WARMUP] = post.receivedNanos() - t0;
                newConnections += mail.newConnection() ? 1 : 0;
                bytes[j - WARMUP] = mail.bytes();
                addPhases(phases, mail, t0);
                trace(name, j - WARMUP, t0, detected[j - WARMUP], email[j - WARMUP], webhook[j - WARMUP], mail);
            }
            long t1 = System.nanoTime();
            tree.create(0, k);
            SmtpSink.Mail back = smtp.await(m -> "resolved".equals(m.status()) && m.endNanos() >= t1, WAIT_MILLIS);
            if (back == null || awaitPost(http, RESOLVED, t1) == null) {
                throw new IllegalStateException("round " + j + " (" + name + "): no recovery " + (back == null ? "mail" : "webhook POST")
                        + " within " + WAIT_MILLIS / 1000 + " s of re-creating " + Tree.child(0, k));
            }
            smtp.awaitQuiet(20, WAIT_MILLIS);
        }
        Arrays.sort(detected);
        Arrays.sort(email);
        Arrays.sort(webhook);
        Map<String, long[]> sorted = new LinkedHashMap<>();
        phases.forEach((step, values) -> sorted.put(step, values.stream().mapToLong(Long::longValue).sorted().toArray()));
        Arrays.sort(bytes);
        Mode m = new Mode(name, detected, email, webhook, sorted, newConnections, Bench.pct(bytes, 50));
        Bench.log("alert latency (%s): detected p50 %.1f ms p99 %.1f ms; email p50 %.1f ms p99 %.1f ms max %.1f ms; webhook p50 %.1f ms p99 %.1f ms; "
                        + "%d of %d mails on a new connection", name, Bench.pct(detected, 50) / 1e6, Bench.pct(detected, 99) / 1e6, Bench.pct(email, 50) / 1e6, Bench.pct(email, 99) / 1e6,
                Bench.pct(email, 100) / 1e6, Bench.pct(webhook, 50) / 1e6, Bench.pct(webhook, 99) / 1e6, newConnections, rounds);
        return m;
    }

    /**
     * The gaps between consecutive steps of the mail's conversation after {@code t0}, named {@code EHLO → MAIL}, the
     * first one from the delete ({@code delete → CONNECT} on a new connection, {@code delete → NOOP} on a kept one).
     */
    private static void addPhases(Map<String, List<Long>> phases, SmtpSink.Mail mail, long t0) {
        String prev = "delete";
        long prevAt = t0;
        for (SmtpSink.Step s : mail.steps()) {
            if (s.nanos() < t0) {
                continue; // the check of the kept connection after the previous mail
            }
            String verb = s.verb().equals("END") ? "end of DATA" : s.verb();
            phases.computeIfAbsent(prev + " → " + verb, x -> new ArrayList<>()).add(s.nanos() - prevAt);
            prev = verb;
            prevAt = s.nanos();
        }
    }

    private static final String TRACE = System.getenv("BENCH_LATENCY_TRACE");

    /** With {@code BENCH_LATENCY_TRACE=<file>}, one line per round (times in µs from the delete), to look into outliers. */
    private static void trace(String mode, int round, long t0, long detected, long email, long webhook, SmtpSink.Mail mail) {
        if (TRACE == null) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %d detected=%d email=%d webhook=%d",
                mode, round, detected / 1000, email / 1000, webhook / 1000));
        for (SmtpSink.Step st : mail.steps()) {
            line.append(' ').append(st.verb()).append('=').append((st.nanos() - t0) / 1000);
        }
        try {
            java.nio.file.Files.writeString(Path.of(TRACE), line.append('\n'), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first POST received at or after {@code since} whose body matches; null after {@link #WAIT_MILLIS}. */
    private static HttpSink.Request awaitPost(HttpSink http, Pattern status, long since) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            for (HttpSink.Request r : http.requests()) {
                if (r.receivedNanos() >= since && status.matcher(r.body()).find()) {
                    return r;
                }
            }
            Thread.sleep(1); // the POST's time is the sink's, not when this loop sees it
        }
        return null;
    }
}
