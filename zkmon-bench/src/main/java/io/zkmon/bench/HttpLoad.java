package io.zkmon.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A closed-loop load: a few clients, each sending its next request when the last answer has arrived. */
final class HttpLoad {

    /** Latency percentiles (ms), requests per second, bytes of an answer, failed requests, and the tool that measured. */
    record Result(double p50, double p99, double max, double perSecond, long bytes, long failures, String tool) {
    }

    /** Loads with {@code wrk} when it is installed (it costs the shared CPU far less than a JVM client), else in Java. */
    static Result measure(String url, int clients, Duration warmup, Duration measure) throws Exception {
        java.nio.file.Path wrk = java.nio.file.Path.of("/usr/bin/wrk");
        if (java.nio.file.Files.isExecutable(wrk)) {
            return wrk(wrk.toString(), url, clients, warmup, measure);
        }
        return run(url, clients, warmup, measure);
    }

    private static Result wrk(String wrk, String url, int clients, Duration warmup, Duration measure) throws Exception {
        exec(List.of(wrk, "-t2", "-c" + clients, "-d" + warmup.toSeconds() + "s", url));
        String out = exec(List.of(wrk, "-t2", "-c" + clients, "-d" + measure.toSeconds() + "s", "--latency", url));
        java.util.regex.Matcher rps = java.util.regex.Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        java.util.regex.Matcher p50 = java.util.regex.Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)").matcher(out);
        java.util.regex.Matcher p99 = java.util.regex.Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)").matcher(out);
        java.util.regex.Matcher lat = java.util.regex.Pattern.compile("Latency\\s+\\S+\\s+\\S+\\s+([0-9.]+)(us|ms|s)").matcher(out);
        java.util.regex.Matcher errors = java.util.regex.Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        java.util.regex.Matcher bytes = java.util.regex.Pattern.compile("(\\d+) requests in [^,]+, ([0-9.]+)(B|KB|MB|GB) read").matcher(out);
        if (!rps.find() || !p50.find() || !p99.find() || !lat.find()) {
            throw new IllegalStateException("could not read wrk's output:\n" + out);
        }
        long perAnswer = 0;
        if (bytes.find()) {
            double total = Double.parseDouble(bytes.group(2)) * switch (bytes.group(3)) {
                case "KB" -> 1024.0;
                case "MB" -> 1024.0 * 1024;
                case "GB" -> 1024.0 * 1024 * 1024;
                default -> 1.0;
            };
            perAnswer = Math.round(total / Long.parseLong(bytes.group(1)));
        }
        return new Result(ms(p50), ms(p99), ms(lat), Double.parseDouble(rps.group(1)), perAnswer,
                errors.find() ? Long.parseLong(errors.group(1)) : 0, "wrk");
    }

    private static double ms(java.util.regex.Matcher m) {
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static String exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private HttpLoad() {
    }

    /** One client's loop and what it measured. */
    private static final class Worker extends Thread {
        private final HttpClient http;
        private final HttpRequest request;
        private final long measureFrom;
        private final long end;
        long[] latencies = new long[1 << 14];
        int count;
        long failures;
        long bytes;

        Worker(HttpClient http, HttpRequest request, long measureFrom, long end) {
            this.http = http;
            this.request = request;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        @Override
        public void run() {
            for (long t0 = System.nanoTime(); t0 < end; t0 = System.nanoTime()) {
                try {
                    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long t1 = System.nanoTime();
                    if (r.statusCode() != 200) {
                        failures++;
                        continue;
                    }
                    bytes = r.body().length;
                    if (t0 >= measureFrom) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = t1 - t0;
                    }
                } catch (Exception e) {
                    failures++;
                }
            }
        }
    }

    static Result run(String url, int clients, Duration warmup, Duration measure) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Worker w = new Worker(http, request, measureFrom, end);
            workers.add(w);
            w.start();
        }
        int total = 0;
        long failures = 0;
        long bytes = 0;
        for (Worker w : workers) {
            w.join();
            total += w.count;
            failures += w.failures;
            bytes = Math.max(bytes, w.bytes);
        }
        long[] all = new long[total];
        int at = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latencies, 0, all, at, w.count);
            at += w.count;
        }
        Arrays.sort(all);
        return new Result(Bench.pct(all, 50) / 1e6, Bench.pct(all, 99) / 1e6, Bench.pct(all, 100) / 1e6,
                total / (measure.toNanos() / 1e9), bytes, failures, "java.net.http");
    }
}
