package io.zkmon.alerts.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.ZkMonitor;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterRegistry;
import io.zkmon.core.config.ConfigError;
import io.zkmon.core.config.ConfigException;
import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.testing.ZkMonitorExtension;
import io.zkmon.testkit.ServiceInstance;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom alerter shipped as its own jar works like a built-in one: this compiles a small provider at test time
 * (the example of {@code docs/alerters.md}), packages it with its {@code META-INF/services} entry, loads it through a
 * separate {@link URLClassLoader}, and uses its type from YAML through a real ZooKeeper and the real dispatcher.
 */
class CustomAlerterPluginIT {

    private static final String PROVIDER = "com.example.zkmon.FileAlerterProvider";

    private static final String SOURCE = """
            package com.example.zkmon;

            import io.zkmon.core.alert.Alerter;
            import io.zkmon.core.ZkMonitor;
import io.zkmon.core.alert.AlerterProvider;
            import io.zkmon.core.alert.AlerterSettings;
            import io.zkmon.core.alert.SendResult;
            import java.io.IOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            /** Type "file": appends one line per notification to a file. */
            public final class FileAlerterProvider implements AlerterProvider {

                @Override
                public String type() {
                    return "file";
                }

                @Override
                public Alerter create(AlerterSettings settings) {
                    String file = settings.isScalar() ? settings.values().get(0) : settings.string("path");
                    if (file == null) {
                        return null; // string() has reported the missing key, with file and line
                    }
                    Path path = Path.of(file);
                    return notification -> {
                        String line = notification.kind() + " " + notification.path() + ": " + notification.message() + "\\n";
                        try {
                            Files.writeString(path, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                            return SendResult.sent();
                        } catch (IOException e) {
                            return SendResult.retryable("cannot write " + path + " (" + e.getClass().getSimpleName() + ")");
                        }
                    };
                }
            }
            """;

    @RegisterExtension
    static final ZkMonitorExtension zk = ZkMonitorExtension.server();

    @TempDir
    Path dir;

    private URLClassLoader plugins;

    @BeforeEach
    void buildPluginJar() throws Exception {
        Path jar = compileAndPackage(dir);
        plugins = new URLClassLoader(new URL[] {jar.toUri().toURL()}, CustomAlerterPluginIT.class.getClassLoader());
    }

    @AfterEach
    void closeLoader() throws Exception {
        plugins.close();
    }

    @Test
    void theProviderIsOnlyVisibleThroughThePluginLoaderAndFoundThere() {
        assertThatThrownBy(() -> Class.forName(PROVIDER, false, CustomAlerterPluginIT.class.getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);

        AlerterRegistry registry = AlerterRegistry.load(plugins);

        assertThat(registry.types()).contains("file", "email", "slack", "hipchat", "webhook", "pagerduty", "alertmanager");
        assertThat(registry.provider("file").getClass().getClassLoader()).isSameAs(plugins);
        assertThat(registry.broken()).isEmpty();
    }

    @Test
    void aConfigUsingItsTypeAlertsThroughTheDispatcher() throws Exception {
        Path log = dir.resolve("alerts.log");
        String path = "/services/plugin";
        ServiceInstance instance = zk.register(path, "instance-1");
        ZkMonitor monitor = zk.monitor(path + ": {children: 1, cancel_timeout: 0, alerter: {file: {path: '" + log + "'}}}\n",
                b -> b.alerterRegistry(AlerterRegistry.load(plugins)).env(Map.of()));

        instance.crash();
        await("a firing line").atMost(Duration.ofSeconds(20)).until(() -> lines(log).size() == 1);
        zk.register(path, "instance-2");
        await("a resolved line").atMost(Duration.ofSeconds(20)).until(() -> lines(log).size() == 2);
        monitor.close(); // before teardown removes instance-2, which would be a new incident

        assertThat(lines(log)).containsExactly(
                "FIRING /services/plugin: Found children (0) less than minimum (1)",
                "RESOLVED /services/plugin: All checks pass.");
    }

    @Test
    void itsSettingsAreValidatedLikeABuiltInAlertersWithFileLineAndKey() {
        ConfigLoader loader = ConfigLoader.create(AlerterRegistry.load(plugins), Map.of());
        String yaml = """
                paths:
                  /services/plugin:
                    alerter: {file: {pth: /tmp/x.log}}
                """;

        assertThatThrownBy(() -> loader.parse(yaml, "plugin.yaml")).isInstanceOfSatisfying(ConfigException.class, e -> {
            List<ConfigError> errors = e.errors();
            assertThat(errors).extracting(ConfigError::toString).anySatisfy(s -> assertThat(s).contains("needs 'path'", "plugin.yaml:3"));
            assertThat(errors).extracting(ConfigError::toString)
                    .anySatisfy(s -> assertThat(s).contains("unknown key 'pth'", "plugin.yaml:3:", "did you mean 'path'?"));
        });
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Compiles {@link #SOURCE} against zkmon-core with javax.tools and packages it as a plugin jar. */
    private static Path compileAndPackage(Path dir) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK (not a JRE) runs the tests").isNotNull();
        Path src = dir.resolve("src/com/example/zkmon/FileAlerterProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path core = Path.of(AlerterProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, OutputStream.nullOutputStream(), new PrintStream(diagnostics, true, StandardCharsets.UTF_8),
                "--release", "17", "-classpath", core.toString(), "-d", classes.toString(), src.toString());
        assertThat(rc).as("javac: " + diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path jar = dir.resolve("zkmon-file-alerter.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + AlerterProvider.class.getName()));
            out.write((PROVIDER + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
