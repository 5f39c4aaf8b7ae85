package io.zkmon.testkit;

import java.util.Locale;

/**
 * How much tests log: the system property {@code zkmon.test.log} ({@code warn} unless set; {@code info}, {@code debug}
 * for more). zkmon's build passes it to every test JVM (as the SLF4J Simple default level as well), and the testkit
 * hands it on to the processes it starts, such as {@link ZooKeeperServerProcess}.
 */
public final class TestLogging {

    /** The system property: {@code -Dzkmon.test.log=info} on the Maven command line. */
    public static final String PROPERTY = "zkmon.test.log";

    private TestLogging() {
    }

    /** The level for tests, lower case: {@code warn} unless {@value #PROPERTY} says otherwise. */
    public static String level() {
        String v = System.getProperty(PROPERTY, "").trim();
        return v.isEmpty() ? "warn" : v.toLowerCase(Locale.ROOT);
    }
}
