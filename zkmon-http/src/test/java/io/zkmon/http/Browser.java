package io.zkmon.http;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through WebDriver (Debian's {@code chromium-driver}), with a fresh profile, and
 * no network but the page's: the flags keep it from calling Google. Found at {@code CHROMIUM_BIN} and
 * {@code CHROMEDRIVER_BIN} or in {@code /usr/bin}; when missing, tests are skipped, or fail when
 * {@code ZKMON_REQUIRE_EXTERNAL=1} (CI).
 */
final class Browser implements AutoCloseable {

    /** Waits for the page: generous, since the machine may be busy; a condition met early returns at once. */
    static final Duration WAIT = Duration.ofSeconds(20);

    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final Dimension viewport;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile, Dimension viewport) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        this.viewport = viewport;
        emulate(viewport.getHeight());
    }

    /**
     * Sets the page area exactly (a headless window is at least 500 pixels wide, and its size includes the browser's
     * own frame): what a phone or a desktop browser gives a page.
     */
    private void emulate(int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.getWidth(), "height", height,
                "deviceScaleFactor", 1, "mobile", viewport.getWidth() < 500));
    }

    /** A browser with a desktop-sized window, or a skipped (in CI: failed) test. */
    static Browser start() throws IOException {
        return start(DESKTOP);
    }

    /** A browser whose page area is {@code size} (CSS pixels), or a skipped (in CI: failed) test. */
    static Browser start(Dimension size) throws IOException {
        Path chromium = find("CHROMIUM_BIN", "/usr/bin/chromium", "chromium");
        Path chromedriver = find("CHROMEDRIVER_BIN", "/usr/bin/chromedriver", "chromium-driver");
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE); // "CDP version" notes are noise here
        Path profile = Files.createTempDirectory("zkmon-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--enable-precise-memory-info", "--user-data-dir=" + profile,
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(WAIT);
            return new Browser(service, driver, profile, size);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    private static Path find(String env, String fallback, String debianPackage) {
        String configured = System.getenv(env);
        Path bin = Path.of(configured != null && !configured.isBlank() ? configured : fallback);
        if (!Files.isExecutable(bin)) {
            String why = bin + " not found (set " + env + ", or install Debian's package: apt-get install -y " + debianPackage + ")";
            if ("1".equals(System.getenv("ZKMON_REQUIRE_EXTERNAL"))) {
                fail(why + "; ZKMON_REQUIRE_EXTERNAL=1 requires it");
            }
            Assumptions.abort(why);
        }
        return bin;
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads a page in a clean state: no token or author kept from an earlier test. */
    void open(String url) {
        driver.get("about:blank");
        driver.get(url);
        script("sessionStorage.clear(); localStorage.clear();");
        waitUntil(d -> "true".equals(script("return document.body.dataset.rendered || null")), "the page's first render");
    }

    /** Loads a URL as it is (a deep link), waiting for the first render. */
    void openAsIs(String url) {
        driver.get("about:blank");
        driver.get(url);
        waitUntil(d -> "true".equals(script("return document.body.dataset.rendered || null")), "the page's first render");
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Waits until an element is there and shown, and returns it. */
    WebElement visible(By by) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(by);
            return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
        }, by + " to be shown");
    }

    /** Waits until nothing matches, or what matches is hidden. */
    void gone(By by) {
        waitUntil(d -> d.findElements(by).stream().noneMatch(WebElement::isDisplayed) ? Boolean.TRUE : null, by + " to go");
    }

    /** A real click on an element once it is shown. */
    void click(By by) {
        visible(by).click();
    }

    /** Waits for a condition of the page, failing with what was awaited and the page's text. */
    <T> T waitUntil(Function<WebDriver, T> condition, String what) {
        return waitUntil(condition, what, WAIT);
    }

    <T> T waitUntil(Function<WebDriver, T> condition, String what, Duration timeout) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what + "; the page shows:\n" + text(), e);
        }
    }

    /** The visible text of the page, for failure messages. */
    String text() {
        try {
            String t = driver.findElement(By.tagName("body")).getText();
            return t.length() > 4000 ? t.substring(0, 4000) + "..." : t;
        } catch (RuntimeException e) {
            return "(no page: " + e + ")";
        }
    }

    /** The row of a path on the overview, or null. */
    WebElement row(String path) {
        List<WebElement> rows = driver.findElements(By.cssSelector("li.row[data-path='" + path.replace("'", "\\'") + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The state of a path's row now, or null while it is not shown (a live update may be redrawing the list). */
    String rowStateNow(String path) {
        WebElement r = row(path);
        return r == null ? null : r.getAttribute("data-state");
    }

    /** The state of a path's row once it is shown; a row redrawn by a live update meanwhile is looked up again. */
    String rowState(String path) {
        return waitUntil(d -> {
            WebElement r = row(path);
            return r == null ? null : r.getAttribute("data-state");
        }, "the row of " + path);
    }

    /** The text of an element once it is there; an element redrawn meanwhile is looked up again. */
    String textOf(By by) {
        return waitUntil(d -> d.findElement(by).getText(), by + " to be there");
    }

    /** Saves a PNG of the window. */
    void screenshot(Path png) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Saves a PNG of the whole page, however long, at the page area's width. */
    void fullPageScreenshot(Path png) throws IOException {
        Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight)");
        emulate(height.intValue());
        try {
            screenshot(png);
        } finally {
            emulate(viewport.getHeight());
        }
    }

    /** Chromium's performance counters for the page (JSHeapUsedSize, Nodes, ...), through the DevTools protocol. */
    @SuppressWarnings("unchecked")
    Map<String, Number> metrics() {
        driver.executeCdpCommand("Performance.enable", Map.of());
        Map<String, Object> r = driver.executeCdpCommand("Performance.getMetrics", Map.of());
        Map<String, Number> out = new java.util.TreeMap<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) r.get("metrics")) {
            out.put((String) m.get("name"), (Number) m.get("value"));
        }
        return out;
    }

    /** The browser's version, as it reports it. */
    String version() {
        return driver.getCapabilities().getBrowserVersion();
    }

    /**
     * The resident memory of the largest renderer process this JVM's browsers run (the page's, when one browser with
     * one page is open), in KB (Linux: from /proc), or 0 when it cannot be told.
     */
    long rendererRssKb() {
        return ProcessHandle.current().descendants().filter(Browser::isRenderer).mapToLong(Browser::rssKb).max().orElse(0);
    }

    private static boolean isRenderer(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                    .contains("--type=renderer");
        } catch (IOException | RuntimeException e) {
            return false; // gone meanwhile, or not Linux
        }
    }

    private static long rssKb(ProcessHandle p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile, or not Linux
        }
        return 0;
    }

    /** Runs the garbage collector of the page (DevTools), so that a heap size is what the page keeps. */
    void collectGarbage() {
        driver.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // the browser may still be letting go of a file; a temp dir left behind is harmless
        }
    }
}
