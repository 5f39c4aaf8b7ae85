package io.zkmon.cli.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/** What the jar under test contains: tests of parts that have not landed yet are skipped, not failed. */
final class Jar {

    private Jar() {
    }

    /** True when a class is in the jar. */
    static boolean hasClass(String className) {
        try (JarFile jar = new JarFile(ZkmonProcess.jar().toFile())) {
            return jar.getEntry(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when an alerter provider of this type is registered (checked by name in the provider list). */
    static boolean hasAlerterType(String type) {
        try (JarFile jar = new JarFile(ZkmonProcess.jar().toFile())) {
            ZipEntry e = jar.getEntry("META-INF/services/io.zkmon.core.alert.AlerterProvider");
            if (e == null) {
                return false;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(jar.getInputStream(e), StandardCharsets.UTF_8))) {
                String needle = type.toLowerCase(java.util.Locale.ROOT);
                return r.lines().map(String::toLowerCase).anyMatch(l -> !l.startsWith("#") && l.contains(needle));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the HTTP server (zkmon-http) is in the jar. */
    static boolean hasHttp() {
        return hasClass("io.zkmon.http.HttpServer");
    }

    /** True when the cluster (zkmon-cluster) is in the jar. */
    static boolean hasCluster() {
        return hasClass("io.zkmon.cluster.ZkCluster");
    }
}
