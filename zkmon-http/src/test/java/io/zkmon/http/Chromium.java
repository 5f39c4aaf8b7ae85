package io.zkmon.http;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, run once per page load with a fresh profile. Found at {@code CHROMIUM_BIN} or
 * {@code /usr/bin/chromium}; when missing, tests are skipped, or fail when {@code ZKMON_REQUIRE_EXTERNAL=1} (CI).
 */
final class Chromium {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, or a skipped (or, in CI, failed) test. */
    static Chromium find() {
        String configured = System.getenv("CHROMIUM_BIN");
        Path bin = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(bin)) {
            String why = "Chromium not found at " + bin + " (set CHROMIUM_BIN, or install Debian's package: apt-get install -y chromium)";
            if ("1".equals(System.getenv("ZKMON_REQUIRE_EXTERNAL"))) {
                fail(why + "; ZKMON_REQUIRE_EXTERNAL=1 requires it");
            }
            Assumptions.abort(why);
        }
        return new Chromium(bin);
    }

    /** Loads the page, lets its scripts run for {@code virtualTime} of virtual time, and returns the DOM. */
    String dumpDom(String url, Duration virtualTime) throws IOException, InterruptedException {
        return new String(run(List.of("--virtual-time-budget=" + virtualTime.toMillis(), "--dump-dom", url)), StandardCharsets.UTF_8);
    }

    /** Takes a screenshot of the page after {@code virtualTime}. */
    void screenshot(String url, Path png, int width, int height, Duration virtualTime) throws IOException, InterruptedException {
        run(List.of("--virtual-time-budget=" + virtualTime.toMillis(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(), url));
        if (!Files.exists(png)) {
            fail("Chromium wrote no screenshot to " + png);
        }
    }

    private byte[] run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("zkmon-chromium-");
        Path stdout = profile.resolveSibling(profile.getFileName() + ".out");
        Path stderr = profile.resolveSibling(profile.getFileName() + ".err");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("Chromium did not finish within " + TIMEOUT + ": " + tail(stderr));
            }
            if (p.exitValue() != 0) {
                fail("Chromium exited with " + p.exitValue() + ": " + tail(stderr));
            }
            return Files.readAllBytes(stdout);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            deleteTree(profile);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static String tail(Path file) throws IOException {
        String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // the browser may still be letting go of a file; a temp dir left behind is harmless
        }
    }

    /**
     * A dashboard row as rendered: its state and text.
     *
     * @param state the row's {@code data-state}
     * @param html  the row's inner HTML
     */
    record Row(String state, String html) {
    }

    /** The dashboard row of a path in a dumped DOM, or null when the page does not show it. */
    static Row row(String dom, String path) {
        Matcher m = Pattern.compile("<li class=\"row st-\\w+\" data-path=\"" + Pattern.quote(path)
                + "\" data-state=\"(\\w+)\"[^>]*>(.*?)</li>", Pattern.DOTALL).matcher(dom);
        return m.find() ? new Row(m.group(1), m.group(2)) : null;
    }

    /** How many path rows the page shows. */
    static int rowCount(String dom) {
        Matcher m = Pattern.compile("<li class=\"row st-").matcher(dom);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
