package io.zkmon.bench;

import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness: one standalone ZooKeeper server process, N parents x 3 ephemeral children written from
 * this JVM, and each implementation measured in a fresh JVM. Writes docs/benchmarks.md.
 *
 * <pre>zkmon-bench/run [--sizes 1000,10000,100000] [--impls raw,zkmon,curator-cache] [--out docs/benchmarks.md]
 *                 [--servers 3.4.14,3.5.10] [--server-sizes 1000,10000] [--only-servers] [--rounds 200] [--only-latency]</pre>
 *
 * {@code --servers} adds, per old ZooKeeper release, zkmon in one-shot mode against the one-shot raw floor on a server
 * of that release (jars in {@code zkmon-bench/target/zookeeper-<version>/}, copied by the build);
 * {@code --only-servers} runs only those and rewrites only their section of the report. Every full run ends with the
 * end-to-end alert latency ({@link AlertLatency}, {@code --rounds} per way of running the SMTP server);
 * {@code --only-latency} runs only that and rewrites only its section. Both {@code --only-} flags together run both.
 */
public final class Bench {

    private final Options opt;
    private final String classpath = System.getProperty("java.class.path");
    private final Path logs;

    private Bench(Options opt) throws Exception {
        this.opt = opt;
        this.logs = Files.createTempDirectory("zkmon-bench-logs");
    }

    /** Command-line options. */
    record Options(List<Integer> sizes, List<String> impls, Path out, int changes, int warmup, int churn, long seed,
                   List<String> servers, List<Integer> serverSizes, boolean onlyServers, int rounds, boolean onlyLatency) {
        static Options parse(String[] args) {
            List<Integer> sizes = List.of(1_000, 10_000, 100_000);
            List<String> impls = List.of("raw", "zkmon", "curator-cache");
            Path out = Path.of("docs/benchmarks.md");
            int changes = 500;
            int churn = 5_000;
            long seed = 20261125L;
            List<String> servers = List.of();
            List<Integer> serverSizes = List.of(1_000, 10_000);
            boolean onlyServers = false;
            int rounds = 200;
            boolean onlyLatency = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                    case "--impls" -> impls = List.of(args[++i].split(","));
                    case "--out" -> out = Path.of(args[++i]);
                    case "--changes" -> changes = Integer.parseInt(args[++i]);
                    case "--churn" -> churn = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--servers" -> servers = List.of(args[++i].split(","));
                    case "--server-sizes" -> serverSizes = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                    case "--only-servers" -> onlyServers = true;
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--only-latency" -> onlyLatency = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --sizes, --impls, --out, --changes, --churn, --seed, --servers, --server-sizes, --only-servers,"
                            + " --rounds, --only-latency");
                }
            }
            if (onlyServers && servers.isEmpty()) {
                throw new IllegalArgumentException("--only-servers needs --servers");
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
            }
            return new Options(sizes, impls, out, changes, 50, churn, seed, servers, serverSizes, onlyServers, rounds, onlyLatency);
        }

        /** Whether only some sections run (and only theirs are rewritten). */
        boolean partial() {
            return onlyServers || onlyLatency;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options opt = Options.parse(args);
        long start = System.nanoTime();
        String load = loadAverage();
        Report report = new Bench(opt).run();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        report.load(load, loadAverage());
        if (opt.partial()) {
            report.writeSections(opt.out(), String.join(" ", args), seconds);
        } else {
            report.write(opt.out(), String.join(" ", args), seconds);
        }
        System.out.println("wrote " + opt.out().toAbsolutePath());
        System.exit(0);
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg says them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private Report run() throws Exception {
        Report report = new Report();
        report.options(opt);
        if (!opt.partial()) {
            runCurrent(report);
        }
        if (!opt.partial() || opt.onlyServers()) {
            for (String version : opt.servers()) {
                runOld(report, version);
            }
        }
        if (!opt.partial() || opt.onlyLatency()) {
            report.latency(AlertLatency.run(classpath, logs, opt.rounds()));
        }
        return report;
    }

    /**
     * zkmon (one-shot mode, chosen by its own server probe) and the one-shot raw floor on a server of an old release,
     * from the jars the build copied into {@code target/zookeeper-<version>/}.
     */
    private void runOld(Report report, String version) throws Exception {
        Path jars = Path.of(System.getProperty("zkmon.zookeeper.releases", "zkmon-bench/target"), "zookeeper-" + version);
        try (ZooKeeperServerProcess server = ZooKeeperServerProcess.builder().classpathOf(jars)
                .config("tickTime", "2000").config("4lw.commands.whitelist", "*").config("snapCount", "1000000")
                .jvmOptions("-Xms1g", "-Xmx2g", "-XX:+UseParallelGC", "-Dzookeeper.forceSync=no",
                        "-Djute.maxbuffer=" + (16 * 1024 * 1024))
                .logLevel("warn")
                .start()) {
            String connect = server.connectString();
            Tree tree = null;
            int populated = 0;
            try {
                for (int n : opt.serverSizes()) {
                    if (tree != null) {
                        tree.close();
                    }
                    tree = new Tree(connect, n);
                    if (populated > 0) {
                        clear(connect);
                    }
                    tree.populate();
                    populated = n;
                    for (String impl : List.of("raw-oneshot", "zkmon")) {
                        tree.restore();
                        Result r = measure(impl, connect, tree);
                        report.addOld(version, n, r);
                        log("ZooKeeper %s N=%d %s: %s", version, n, impl, r);
                    }
                }
            } finally {
                if (tree != null) {
                    tree.close();
                }
            }
        }
    }

    private void runCurrent(Report report) throws Exception {
        // ZooKeeper in a JVM of its own, so its CPU and heap stay out of the measured JVMs; writes are not fsynced:
        // the benchmarks measure watching, not disk
        try (ZooKeeperServerProcess server = ZooKeeperServerProcess.builder().classpath(classpath)
                .config("tickTime", "2000").config("4lw.commands.whitelist", "*").config("snapCount", "1000000")
                .jvmOptions("-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-Dzookeeper.forceSync=no",
                        "-Dzookeeper.jute.maxbuffer=" + (16 * 1024 * 1024))
                .logLevel("warn")
                .start()) {
            String connect = server.connectString();
            report.zookeeperVersion(org.apache.zookeeper.Version.getFullVersion());
            int populated = 0;
            Tree tree = null;
            try {
                for (int n : opt.sizes()) {
                    // sizes grow: add the missing parents to the existing tree instead of starting over
                    if (tree != null) {
                        tree.close();
                    }
                    tree = new Tree(connect, n);
                    long t0 = System.nanoTime();
                    if (populated > 0) {
                        clear(connect);
                    }
                    tree.populate();
                    populated = n;
                    log("N=%d: populated %d znodes in %d ms", n, n * 4, (System.nanoTime() - t0) / 1_000_000);
                    for (String impl : opt.impls()) {
                        tree.restore();
                        Result r = measure(impl, connect, tree);
                        report.add(n, r);
                        log("N=%d %s: %s", n, impl, r);
                    }
                    if (opt.impls().contains("zkmon") && n == 10_000) {
                        tree.restore();
                        report.http(n, httpLoad(connect, tree));
                    }
                    if (opt.impls().contains("zkmon") && n == 1_000) {
                        tree.restore();
                        report.fanout(fanout(connect, tree));
                    }
                }
            } finally {
                if (tree != null) {
                    tree.close();
                }
            }
        }
    }

    private static void clear(String connect) throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        org.apache.zookeeper.ZooKeeper zk = new org.apache.zookeeper.ZooKeeper(connect, 60_000, e -> up.countDown());
        up.await();
        org.apache.zookeeper.ZKUtil.deleteRecursive(zk, Tree.ROOT, 1000);
        zk.close();
    }

    /** What one implementation did at one size. */
    record Result(String impl, double primeMs, double cpuMs, double bytesPerPath, double primeUsPerPath, double bytesPerPathBeyondOne,
                  long[] latenciesNanos, double churnMs, int wrong, String note) {
        @Override
        public String toString() {
            long[] l = latenciesNanos;
            return String.format("prime %.0f ms (cpu %.0f ms, %.1f us/path beyond one), %.0f B/path (%.0f beyond one), detect p50 %.2f ms p99 %.2f ms, churn %.0f ms, wrong %d%s",
                    primeMs, cpuMs, primeUsPerPath, bytesPerPath, bytesPerPathBeyondOne, pct(l, 50) / 1e6, pct(l, 99) / 1e6, churnMs, wrong, note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    /** What starting an implementation costs before any path: a run watching one path (JVM warm-up, client, session). */
    record Fixed(double primeMs, double heapBytes) {
    }

    private final Map<String, Fixed> fixed = new LinkedHashMap<>();

    private Fixed fixed(String impl, String connect) throws Exception {
        Fixed f = fixed.get(impl + "@" + connect);
        if (f == null) {
            try (SubjectProcess s = new SubjectProcess(impl, classpath, connect, 1, logs.resolve(impl + "-1.log"), List.of())) {
                String[] primed = s.primed(60_000);
                f = new Fixed(Long.parseLong(primed[1]) / 1e6, Long.parseLong(primed[3]));
            }
            fixed.put(impl + "@" + connect, f);
            log("%s with one path: prime %.0f ms, heap %.0f KB", impl, f.primeMs(), f.heapBytes() / 1024);
        }
        return f;
    }

    private Result measure(String impl, String connect, Tree tree) throws Exception {
        int n = tree.size();
        Fixed base = fixed(impl, connect);
        Path log = logs.resolve(impl + "-" + n + ".log");
        try (SubjectProcess s = new SubjectProcess(impl, classpath, connect, n, log, List.of())) {
            String[] primed = s.primed(15 * 60_000);
            double primeMs = Long.parseLong(primed[1]) / 1e6;
            double cpuMs = Long.parseLong(primed[2]) / 1e6;
            double bytesPerPath = (double) Long.parseLong(primed[3]) / n;
            long[] latencies = detection(s, tree);
            double churnMs = churn(s, tree);
            int[] truth = tree.recount();
            int[] seen = s.dump();
            int wrong = 0;
            for (int i = 0; i < n; i++) {
                if (truth[i] != seen[i]) {
                    wrong++;
                }
            }
            double marginalPrimeUs = Math.max(0, primeMs - base.primeMs()) * 1000 / n;
            double marginalBytes = Math.max(0, Long.parseLong(primed[3]) - base.heapBytes()) / n;
            return new Result(impl, primeMs, cpuMs, bytesPerPath, marginalPrimeUs, marginalBytes, latencies, churnMs, wrong, "");
        }
    }

    /** zkmon's /status and /api/v1/paths under a closed-loop load from this JVM. */
    private Map<String, HttpLoad.Result> httpLoad(String connect, Tree tree) throws Exception {
        int n = tree.size();
        Map<String, HttpLoad.Result> out = new LinkedHashMap<>();
        try (SubjectProcess s = new SubjectProcess("zkmon", classpath, connect, n, logs.resolve("zkmon-http-" + n + ".log"),
                List.of("--http"))) {
            String[] primed = s.primed(15 * 60_000);
            String port = primed[primed.length - 1].substring("http=".length());
            // every path (as /status, and as /api/v1/paths answered before it paged), then the page the dashboard asks for
            for (String endpoint : List.of("/status", "/api/v1/paths?limit=" + n, "/api/v1/paths?limit=100")) {
                HttpLoad.Result r = HttpLoad.measure("http://127.0.0.1:" + port + endpoint, HTTP_CLIENTS, Duration.ofSeconds(3),
                        Duration.ofSeconds(10));
                out.put(endpoint, r);
                log("N=%d zkmon GET %s: %s", n, endpoint, r);
            }
        }
        return out;
    }

    static final int HTTP_CLIENTS = 4;

    /** Every path goes out of spec in one transaction; time until a webhook sink has an alert for each. */
    private Fanout fanout(String connect, Tree tree) throws Exception {
        int n = tree.size();
        try (HttpSink sink = HttpSink.start();
             SubjectProcess s = new SubjectProcess("zkmon", classpath, connect, n, logs.resolve("zkmon-fanout-" + n + ".log"),
                     List.of("--webhook", sink.url("/hook").toString(), "--min", String.valueOf(Tree.CHILDREN)))) {
            s.primed(15 * 60_000);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            long t0 = System.nanoTime();
            tree.deleteAtOnce(all, 0);
            long deadline = t0 + Duration.ofSeconds(60).toNanos();
            // the sink stamps each POST as it arrives; this wait only counts them (parsing every body on each look would
            // take CPU from zkmon on the same 2 cores)
            while (sink.requests().size() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            while (firstPostPerPath(sink).size() < n && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000); // late duplicates, if any, would arrive now
            Map<String, Long> first = firstPostPerPath(sink);
            long last = first.values().stream().mapToLong(Long::longValue).max().orElse(t0);
            Fanout f = new Fanout(n, first.size(), sink.requests().size(), (last - t0) / 1e6);
            long earliest = first.values().stream().mapToLong(Long::longValue).min().orElse(t0);
            log("N=%d zkmon fan-out: %s (first POST after %.0f ms)", n, f, (earliest - t0) / 1e6);
            return f;
        }
    }

    private static final Pattern WEBHOOK_PATH = Pattern.compile("\"path\"\\s*:\\s*\"([^\"]+)\"");

    /** When the first webhook POST for each path arrived ({@link System#nanoTime()}). */
    private static Map<String, Long> firstPostPerPath(HttpSink sink) {
        Map<String, Long> first = new HashMap<>();
        for (HttpSink.Request r : sink.requests()) {
            Matcher m = WEBHOOK_PATH.matcher(r.body());
            if (m.find()) {
                first.putIfAbsent(m.group(1), r.receivedNanos());
            }
        }
        return first;
    }

    /** Alert fan-out: paths that went out of spec, distinct paths alerted, POSTs in all, time to the last first POST. */
    record Fanout(int paths, int alerted, long posts, double millis) {
    }

    /** Deletes one child of a random path and times until the implementation reports the new count. */
    private long[] detection(SubjectProcess s, Tree tree) throws Exception {
        Random rnd = new Random(opt.seed());
        int n = tree.size();
        long[] lat = new long[opt.changes()];
        for (int j = 0; j < opt.warmup() + opt.changes(); j++) {
            int i = rnd.nextInt(n);
            int k = rnd.nextInt(Tree.CHILDREN);
            int before = tree.count(i);
            long t0 = System.nanoTime();
            tree.delete(i, k);
            if (!s.await(() -> s.seen(i) == before - 1 && s.seenAt(i) >= t0, 30_000)) {
                throw new IllegalStateException(s.impl + " never reported the delete of " + Tree.child(i, k));
            }
            if (j >= opt.warmup()) {
                lat[j - opt.warmup()] = s.seenAt(i) - t0;
            }
            long t1 = System.nanoTime();
            tree.create(i, k);
            if (!s.await(() -> s.seen(i) == before && s.seenAt(i) >= t1, 30_000)) {
                throw new IllegalStateException(s.impl + " never reported the create of " + Tree.child(i, k));
            }
        }
        Arrays.sort(lat);
        return lat;
    }

    /** Many async deletes/re-creates across random paths; time until every touched path shows its final count. */
    private double churn(SubjectProcess s, Tree tree) throws Exception {
        Random rnd = new Random(opt.seed() + 1);
        int n = tree.size();
        Set<Integer> touched = new HashSet<>();
        CountDownLatch done = new CountDownLatch(opt.churn());
        AtomicReference<String> error = new AtomicReference<>();
        long start = System.nanoTime();
        for (int j = 0; j < opt.churn(); j++) {
            int i = rnd.nextInt(n);
            touched.add(i);
            tree.toggleAsync(i, rnd.nextInt(Tree.CHILDREN),
                    (rc, p, ctx) -> {
                        if (rc != 0) {
                            error.set(p + ": " + rc);
                        }
                        done.countDown();
                    },
                    (rc, p, ctx, name) -> {
                        if (rc != 0) {
                            error.set(p + ": " + rc);
                        }
                        done.countDown();
                    });
        }
        done.await();
        if (error.get() != null) {
            throw new IllegalStateException("churn write failed: " + error.get());
        }
        int[] truth = tree.recount();
        for (int i : touched) {
            if (truth[i] != tree.count(i)) {
                throw new IllegalStateException("writer lost track of " + Tree.path(i));
            }
        }
        boolean converged = s.await(() -> {
            for (int i : touched) {
                if (s.seen(i) != truth[i]) {
                    return false;
                }
            }
            return true;
        }, 120_000);
        // let late reports arrive: the last report for each path is when it reached its final count
        s.await(() -> System.nanoTime() - s.lastLineAt() > 1_000_000_000L, 10_000);
        if (!converged) {
            return Double.NaN;
        }
        long last = start;
        for (int i : touched) {
            last = Math.max(last, s.seenAt(i));
        }
        return (last - start) / 1e6;
    }

    static void log(String fmt, Object... args) {
        System.out.println(String.format(fmt, args));
    }

    /** Results by size and implementation, rendered as Markdown. */
    static final class Report {
        private final Map<Integer, Map<String, Result>> results = new LinkedHashMap<>();
        private String zkVersion = "";
        private int httpPaths;
        private Map<String, HttpLoad.Result> http = Map.of();
        private Fanout fanout;
        private Options options;
        private final Map<String, Map<Integer, Map<String, Result>>> old = new LinkedHashMap<>();
        private String loadBefore = "unknown";
        private String loadAfter = "unknown";
        private AlertLatency.Result latency;

        void latency(AlertLatency.Result r) {
            latency = r;
        }

        /** The end-to-end alert latency, or null when it was not run. */
        AlertLatency.Result latency() {
            return latency;
        }

        void addOld(String version, int n, Result r) {
            old.computeIfAbsent(version, v -> new LinkedHashMap<>()).computeIfAbsent(n, k -> new LinkedHashMap<>()).put(r.impl(), r);
        }

        /** Results on old servers: by release, size and implementation. */
        Map<String, Map<Integer, Map<String, Result>>> old() {
            return old;
        }

        void load(String before, String after) {
            loadBefore = before;
            loadAfter = after;
        }

        /** The machine's load averages (1/5/15 min) when the run started and ended. */
        String load() {
            return loadBefore + " at the start, " + loadAfter + " at the end";
        }

        void options(Options o) {
            options = o;
        }

        Options options() {
            return options;
        }

        void http(int n, Map<String, HttpLoad.Result> r) {
            httpPaths = n;
            http = r;
        }

        int httpPaths() {
            return httpPaths;
        }

        Map<String, HttpLoad.Result> http() {
            return http;
        }

        void fanout(Fanout f) {
            fanout = f;
        }

        Fanout fanout() {
            return fanout;
        }

        void zookeeperVersion(String v) {
            zkVersion = v;
        }

        void add(int n, Result r) {
            results.computeIfAbsent(n, k -> new LinkedHashMap<>()).put(r.impl(), r);
        }

        Map<Integer, Map<String, Result>> results() {
            return results;
        }

        void write(Path out, String args, long seconds) throws Exception {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, ReportWriter.render(this, zkVersion, args, seconds));
        }

        /**
         * Replaces only the sections that ran ({@code --only-servers}, {@code --only-latency}) in an existing report; a
         * section it does not have yet is added at its end.
         */
        void writeSections(Path out, String args, long seconds) throws Exception {
            String doc = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n\n";
            if (options.onlyServers()) {
                doc = ReportWriter.replaceSection(doc, ReportWriter.oldServers(this, args, seconds), ReportWriter.OLD_START, ReportWriter.OLD_END);
            }
            if (options.onlyLatency()) {
                doc = ReportWriter.replaceSection(doc, ReportWriter.alertLatency(latency, args), ReportWriter.LATENCY_START,
                        ReportWriter.LATENCY_END);
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, doc);
        }
    }

    static List<String> names(Map<String, Result> m) {
        return new ArrayList<>(m.keySet());
    }
}
