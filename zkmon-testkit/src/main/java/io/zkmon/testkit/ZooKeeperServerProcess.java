package io.zkmon.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A standalone ZooKeeper server in a JVM of its own ({@code ZooKeeperServerMain}), listening on 127.0.0.1 only. Unlike
 * an in-process {@link ZooKeeperFixture} it can be killed with SIGKILL, restarted on the same port with the same data,
 * kept out of the measured JVM's heap and CPU, and run from another classpath: any ZooKeeper release, for instance
 * 3.4.14 or 3.5.10 from jars Maven copied into {@code target/} ({@link Builder#classpathOf(Path)}).
 *
 * <pre>{@code
 * try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.builder().classpathOf(Path.of("target/zookeeper-3.4.14")).start()) {
 *     assertThat(zk.version()).startsWith("3.4.14");
 *     // ... connect to zk.connectString() ...
 * }
 * }</pre>
 *
 * The server's output goes to {@link #logFile()}, at {@link TestLogging#level()} (WARN unless
 * {@code -Dzkmon.test.log=info}), whichever logging backend its classpath has (SLF4J Simple, Log4j 2, or the Log4j 1.2
 * of ZooKeeper 3.4 and 3.5).
 */
public final class ZooKeeperServerProcess implements AutoCloseable {

    private final Path dir;
    private final boolean ownDir;
    private final int port;
    private final int securePort;
    private final List<String> command;
    private final Duration startTimeout;
    private Process process;

    private ZooKeeperServerProcess(Builder b, Path dir, int port) throws IOException {
        this.dir = dir;
        this.ownDir = b.dir == null;
        this.port = port;
        this.securePort = b.tlsKeyStore == null ? -1 : FreePorts.find();
        this.startTimeout = b.startTimeout;
        Files.createDirectories(dir.resolve("data"));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tickTime", "500");
        config.put("initLimit", "10");
        config.put("syncLimit", "5");
        config.put("dataDir", dir.resolve("data").toString());
        config.put("clientPort", String.valueOf(port));
        config.put("clientPortAddress", "127.0.0.1");
        config.put("maxClientCnxns", "0");
        config.put("admin.enableServer", "false");
        config.put("4lw.commands.whitelist", "ruok,srvr");
        if (b.tlsKeyStore != null) {
            // zoo.cfg keys ZooKeeper does not know become zookeeper.* system properties: ssl.* are the server's TLS
            config.put("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
            config.put("secureClientPort", String.valueOf(securePort));
            config.put("secureClientPortAddress", "127.0.0.1");
            config.put("ssl.keyStore.location", b.tlsKeyStore.toString());
            config.put("ssl.keyStore.password", b.tlsPassword);
            config.put("ssl.trustStore.location", b.tlsTrustStore.toString());
            config.put("ssl.trustStore.password", b.tlsPassword);
        }
        if (b.jaas != null) {
            config.put("authProvider.1", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider");
        }
        config.putAll(b.config);
        Files.writeString(dir.resolve("zoo.cfg"), config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        String level = b.logLevel.toUpperCase(Locale.ROOT);
        Files.writeString(dir.resolve("log4j.properties"), String.join("\n",
                "log4j.rootLogger=" + level + ", OUT",
                "log4j.appender.OUT=org.apache.log4j.ConsoleAppender",
                "log4j.appender.OUT.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.OUT.layout.ConversionPattern=%d{ISO8601} [%t] %-5p %c - %m%n", ""));
        Files.writeString(dir.resolve("log4j2.xml"), """
                <Configuration status="warn">
                  <Appenders><Console name="out"><PatternLayout pattern="%d{ISO8601} [%t] %-5level %c - %msg%n"/></Console></Appenders>
                  <Loggers><Root level="LEVEL"><AppenderRef ref="out"/></Root></Loggers>
                </Configuration>
                """.replace("LEVEL", level));

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-Dzookeeper.admin.enableServer=false");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level.toLowerCase(Locale.ROOT));
        cmd.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml"));
        cmd.add("-Dlog4j.configuration=" + dir.resolve("log4j.properties").toUri());
        if (b.jaas != null) {
            cmd.add("-Djava.security.auth.login.config=" + b.jaas);
        }
        cmd.addAll(b.jvmOptions);
        cmd.add("-cp");
        cmd.add(b.classpath);
        cmd.add("org.apache.zookeeper.server.ZooKeeperServerMain");
        cmd.add(dir.resolve("zoo.cfg").toString());
        this.command = List.copyOf(cmd);
    }

    /** A server from this JVM's classpath, with its data in {@code dir}; started, answering when this returns. */
    public static ZooKeeperServerProcess start(Path dir) throws IOException {
        return builder().dir(dir).start();
    }

    /** Options: classpath, data directory, port, zoo.cfg entries, JVM options. */
    public static Builder builder() {
        return new Builder();
    }

    /** How to start a {@link ZooKeeperServerProcess}. */
    public static final class Builder {
        private String classpath = System.getProperty("java.class.path");
        private Path dir;
        private int port;
        private final Map<String, String> config = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private String logLevel = TestLogging.level();
        private Duration startTimeout = Duration.ofSeconds(30);
        private Path tlsKeyStore;
        private Path tlsTrustStore;
        private String tlsPassword;
        private Path jaas;

        private Builder() {
        }

        /**
         * Also serve TLS on a {@code secureClientPort} of its own ({@link #securePort()}), with the Netty connection
         * factory, next to the plain client port (which the fixture itself uses to see that the server is up). The
         * server presents the key of {@code keyStore} and, as ZooKeeper does by default ({@code ssl.clientAuth=need}),
         * requires a client certificate signed by a CA of {@code trustStore}; {@code config("ssl.clientAuth", "none")}
         * drops that. Both stores PKCS12 or JKS with one password.
         */
        public Builder tls(Path keyStore, Path trustStore, String password) {
            this.tlsKeyStore = keyStore;
            this.tlsTrustStore = trustStore;
            this.tlsPassword = password;
            return this;
        }

        /** {@link #tls(Path, Path, String)} with the server key and trust store of generated certificates. */
        public Builder tls(TestCertificates certs) {
            return tls(certs.serverKeyStore(), certs.trustStore(), certs.password());
        }

        /**
         * SASL: the server's JAAS file ({@code -Djava.security.auth.login.config}, with a {@code Server} section, e.g.
         * {@code org.apache.zookeeper.server.auth.DigestLoginModule required user_zkmon="secret";}) and
         * {@code authProvider.1=SASLAuthenticationProvider}. Clients without SASL may still connect unless the test
         * also sets {@code config("enforce.auth.enabled", "true")} and {@code config("enforce.auth.schemes", "sasl")}.
         */
        public Builder jaas(Path jaasFile) {
            this.jaas = jaasFile;
            return this;
        }

        /**
         * The server's classpath (default: this JVM's): the zookeeper jar of the wanted release, its dependencies
         * (zookeeper-jute, slf4j, a logging backend; netty and metrics-core for releases that need them).
         */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        /**
         * The jars of one ZooKeeper release, as the build copies them ({@code maven-dependency-plugin:copy} into
         * {@code target/zookeeper-<version>/}, see the parent POM), from the directory named by the system property
         * {@code zkmon.zookeeper.releases} (default {@code target}). {@code current} (or the version of the ZooKeeper
         * on this JVM's classpath) keeps this JVM's classpath.
         *
         * @throws IllegalStateException when the build did not copy that release
         */
        public Builder release(String version) {
            if (version.equals("current") || org.apache.zookeeper.Version.getFullVersion().startsWith(version + "-")) {
                return classpath(System.getProperty("java.class.path"));
            }
            Path jars = Path.of(System.getProperty("zkmon.zookeeper.releases", "target"), "zookeeper-" + version);
            if (!Files.isDirectory(jars)) {
                throw new IllegalStateException("no ZooKeeper " + version + " jars in " + jars.toAbsolutePath()
                        + ": the build copies them before the integration tests (maven-dependency-plugin, execution zookeeper-"
                        + version + " in the parent POM); run ./mvnw verify, or point -Dzkmon.zookeeper.releases at them");
            }
            return classpathOf(jars);
        }

        /** The classpath of every jar in a directory, as {@code dependency:copy-dependencies} lays out one release. */
        public Builder classpathOf(Path jarDirectory) {
            try (Stream<Path> files = Files.list(jarDirectory)) {
                List<String> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
                if (jars.isEmpty()) {
                    throw new IllegalArgumentException("no jars in " + jarDirectory);
                }
                return classpath(String.join(File.pathSeparator, jars));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + jarDirectory, e);
            }
        }

        /** Where zoo.cfg, the data and the log go (default: a temporary directory, deleted on close). */
        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        /** The client port (default: a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A zoo.cfg entry, added or replacing a default (tickTime=500, 4lw.commands.whitelist=ruok,srvr, ...). */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /** Options for the server's JVM (heap, {@code -Dzookeeper.*} properties), after the defaults ({@code -Xmx128m}). */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** The server's log level (default: {@link TestLogging#level()}). */
        public Builder logLevel(String level) {
            this.logLevel = level;
            return this;
        }

        /** How long to wait for the server to answer (default 30 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Starts the server and waits until it serves requests. */
        public ZooKeeperServerProcess start() throws IOException {
            Path d = dir != null ? dir : Files.createTempDirectory("zkmon-zookeeper");
            ZooKeeperServerProcess zk = new ZooKeeperServerProcess(this, d, port > 0 ? port : FreePorts.find());
            zk.launch();
            return zk;
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        // ruok answers imok before the server serves requests; srvr tells its version only once it does
        while (reportedVersion() == null) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ZooKeeper exited with " + process.exitValue() + "; see " + logFile());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("ZooKeeper on port " + port + " did not answer within " + startTimeout + "; see " + logFile());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting ZooKeeper", e);
            }
        }
    }

    /** A four-letter-word command's answer, or null when the server does not answer. */
    private String fourLetterWord(String word) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2_000);
            OutputStream out = s.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code 127.0.0.1:port}. */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /**
     * The TLS client port ({@link Builder#tls(Path, Path, String)}).
     *
     * @throws IllegalStateException when the server was started without TLS
     */
    public int securePort() {
        if (securePort < 0) {
            throw new IllegalStateException("this ZooKeeper serves no TLS; start it with builder().tls(...)");
        }
        return securePort;
    }

    /** {@code 127.0.0.1:securePort}: where a TLS client connects. */
    public String secureConnectString() {
        return "127.0.0.1:" + securePort();
    }

    /** The server's version as it reports it ({@code srvr}), e.g. {@code 3.4.14-4c25d480e66aadd371de8bd2fd8da255ac140bcf}. */
    public String version() {
        String v = reportedVersion();
        if (v == null) {
            throw new IllegalStateException("ZooKeeper on port " + port + " does not serve requests; see " + logFile());
        }
        return v;
    }

    /** The version {@code srvr} reports, or null while the server does not serve requests. */
    private String reportedVersion() {
        String srvr = fourLetterWord("srvr");
        if (srvr == null) {
            return null;
        }
        return srvr.lines().filter(l -> l.startsWith("Zookeeper version: ")).findFirst()
                .map(l -> l.substring("Zookeeper version: ".length()).split(",")[0].trim())
                .orElse(null);
    }

    /** Where zoo.cfg, data and log are. */
    public Path dir() {
        return dir;
    }

    /** The server's stdout and stderr. */
    public Path logFile() {
        return dir.resolve("zookeeper.log");
    }

    /** The process id, while it runs. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process runs. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the server politely (SIGTERM, then SIGKILL after 10 s); data kept. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Kills the server with SIGKILL, as a crash would; data kept. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts it again on the same port with the same data, after {@link #stop()} or {@link #kill()}. */
    public void restart() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("ZooKeeper on port " + port + " is running; stop it first");
        }
        launch();
    }

    /** Stops the server; deletes its directory if the builder made it. */
    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            stop();
        }
        if (ownDir) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }
}
