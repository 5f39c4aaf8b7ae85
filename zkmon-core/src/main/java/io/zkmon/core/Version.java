package io.zkmon.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** zkmon's version, from the build. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
