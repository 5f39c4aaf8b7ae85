package io.zkmon.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the daemon jar and the tar.gz hold: production code only, no native library, and every bundled dependency's
 * notice and license. Reads the artifacts `package` built and the runtime classpath they were built from.
 */
class DistributionContentIT {

    private static final Pattern NATIVE = Pattern.compile("(?i).*\\.(so|so\\.\\d+|dll|jnilib|dylib|a)$");
    private static final Pattern NOTICE = Pattern.compile("(?i)META-INF/NOTICE(\\.txt|\\.md)?");
    private static final Pattern LICENSE = Pattern.compile("(?i)META-INF/(LICENSE(\\.txt|\\.md)?|[^/]*-LICENSE)");
    /** Packages of test-only code that must never ship, whether or not a test classpath holds them today. */
    private static final List<String> TEST_ONLY = List.of("org/junit/", "org/opentest4j/", "org/assertj/",
            "org/awaitility/", "org/hamcrest/", "org/apache/curator/test/", "com/icegreen/", "io/zkmon/testkit/",
            "io/zkmon/core/testing/", "net/bytebuddy/");

    private static Path daemonJar;
    private static Set<String> entries;
    private static List<Path> runtimeJars;

    @BeforeAll
    static void readArtifacts() throws IOException {
        daemonJar = Path.of(System.getProperty("zkmon.jar"));
        entries = entriesOf(daemonJar);
        runtimeJars = Arrays.stream(Files.readString(Path.of(System.getProperty("zkmon.runtime.classpath"))).trim()
                        .split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> p.toString().endsWith(".jar"))
                .filter(p -> !p.getFileName().toString().startsWith("netty-tcnative")
                        && !p.getFileName().toString().startsWith("netty-transport-native-epoll"))
                .toList();
        assertThat(runtimeJars).as("runtime classpath of the daemon").hasSizeGreaterThan(10);
    }

    @Test
    void holdsNoNativeLibrary() {
        assertThat(entries.stream().filter(e -> NATIVE.matcher(e).matches()).toList())
                .as("native libraries in %s", daemonJar.getFileName()).isEmpty();
        assertThat(entries.stream().filter(e -> e.startsWith("META-INF/native/")).toList()).isEmpty();
    }

    @Test
    void holdsNoTestCode() throws IOException {
        assertThat(entries.stream().filter(e -> TEST_ONLY.stream().anyMatch(e::startsWith)).toList())
                .as("test-only classes in %s", daemonJar.getFileName()).isEmpty();

        // and nothing from any jar that only the tests see (this module's test classpath minus the runtime one)
        Set<String> runtime = runtimeJars.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        Set<String> runtimeClasses = new HashSet<>();
        for (Path jar : runtimeJars) {
            entriesOf(jar).stream().filter(e -> e.endsWith(".class")).forEach(runtimeClasses::add);
        }
        Map<String, List<String>> leaked = new LinkedHashMap<>();
        for (String element : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)) {
            Path p = Path.of(element);
            String name = p.getFileName().toString();
            if (!element.endsWith(".jar") || runtime.contains(name) || name.startsWith("zkmon-cli-") || !Files.isRegularFile(p)) {
                continue;
            }
            List<String> found = entriesOf(p).stream()
                    .filter(e -> e.endsWith(".class") && !e.endsWith("module-info.class") && !runtimeClasses.contains(e))
                    .filter(entries::contains)
                    .limit(5)
                    .toList();
            if (!found.isEmpty()) {
                leaked.put(p.getFileName().toString(), found);
            }
        }
        assertThat(leaked).as("classes of test-scoped artifacts in %s", daemonJar.getFileName()).isEmpty();
    }

    @Test
    void keepsTheNoticeOfEveryBundledDependency() throws IOException {
        String merged = text(daemonJar, "META-INF/NOTICE");
        assertThat(merged).contains("Copyright 2026 The zkmon authors");
        List<String> lost = new ArrayList<>();
        int notices = 0;
        for (Path jar : runtimeJars) {
            try (JarFile f = new JarFile(jar.toFile())) {
                for (JarEntry e : f.stream().filter(e -> NOTICE.matcher(e.getName()).matches()).toList()) {
                    notices++;
                    String firstLine = firstLine(f, e);
                    if (!firstLine.isEmpty() && !merged.contains(firstLine)) {
                        lost.add(jar.getFileName() + "!" + e.getName() + ": '" + firstLine + "'");
                    }
                }
            }
        }
        assertThat(notices).as("dependencies with a NOTICE").isGreaterThan(5);
        assertThat(lost).as("notices missing from the daemon jar's META-INF/NOTICE").isEmpty();
        assertThat(text(daemonJar, "META-INF/LICENSE")).contains("Apache License", "Version 2.0");
    }

    @Test
    void tarballCarriesTheLegalFilesAndEveryDependencysLicense() throws Exception {
        Path tarball = Path.of(System.getProperty("zkmon.tarball"));
        Process tar = new ProcessBuilder("tar", "tzf", tarball.toString()).redirectErrorStream(true).start();
        List<String> listing;
        try (InputStream in = tar.getInputStream()) {
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> l.substring(l.indexOf('/') + 1)) // strip zkmon-<version>/
                    .toList();
        }
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar tzf %s: %s", tarball, listing).isZero();
        assertThat(listing).contains("LICENSE", "NOTICE", "README.md", "bin/zkmon");

        Set<String> missing = new TreeSet<>();
        for (Path jar : runtimeJars) {
            Set<String> legal = entriesOf(jar).stream()
                    .filter(e -> LICENSE.matcher(e).matches() || NOTICE.matcher(e).matches())
                    .collect(Collectors.toSet());
            String artifactId = jar.getParent().getParent().getFileName().toString();
            if (artifactId.startsWith("zkmon-")) {
                continue; // zkmon's own LICENSE and NOTICE are at the top of the tar.gz
            }
            for (String e : legal) {
                if (listing.stream().noneMatch(l -> l.startsWith("licenses/" + artifactId) && l.endsWith("/" + e))) {
                    missing.add(artifactId + ": " + e);
                }
            }
        }
        assertThat(missing).as("license files missing from %s's licenses/", tarball.getFileName()).isEmpty();
    }

    private static Set<String> entriesOf(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(JarEntry::getName).collect(Collectors.toCollection(HashSet::new));
        }
    }

    private static String text(Path jar, String entry) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            JarEntry e = f.getJarEntry(entry);
            assertThat(e).as("%s in %s", entry, jar.getFileName()).isNotNull();
            try (InputStream in = f.getInputStream(e)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String firstLine(JarFile f, JarEntry e) throws IOException {
        try (InputStream in = f.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        }
    }
}
