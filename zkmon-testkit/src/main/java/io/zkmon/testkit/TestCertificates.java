package io.zkmon.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and the stores a TLS test needs, made by the JDK's {@code keytool} run as a
 * process, as an operator would make them: a self-signed CA, a server and a client certificate it signed (each for
 * {@code localhost} and {@code 127.0.0.1}, valid for two days), all PKCS12 with one password.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.generate(dir.resolve("tls"));
 * ZooKeeperServerProcess zk = ZooKeeperServerProcess.builder().tls(certs).start();
 * // a client trusts certs.trustStore() and, for mutual TLS, presents certs.clientKeyStore()
 * }</pre>
 *
 * Two calls make two unrelated CAs: one's {@link #trustStore()} does not trust the other's certificates.
 */
public final class TestCertificates {

    private static final String SAN = "SAN=dns:localhost,ip:127.0.0.1";

    private final Path dir;
    private final String password;

    private TestCertificates(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    /** A new CA with server and client stores in {@code dir}, protected by a random password. */
    public static TestCertificates generate(Path dir) throws IOException {
        return generate(dir, "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random())));
    }

    /** A new CA with server and client stores in {@code dir}, protected by {@code password}. */
    public static TestCertificates generate(Path dir, String password) throws IOException {
        Files.createDirectories(dir);
        TestCertificates c = new TestCertificates(dir, password);
        c.make();
        return c;
    }

    private void make() throws IOException {
        String ca = file("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=zkmon test CA " + dir.getFileName(),
                "-ext", "bc:c", "-validity", "2", "-keystore", ca, "-storetype", "PKCS12", "-storepass", password);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", password, "-file", file("ca.pem"));
        // the truststore and the two signed stores only read the CA's files: made side by side, as each keytool run is
        // mostly the start of a JVM, and a TLS test class would otherwise spend ~10 s here per set
        List<Callable<Void>> steps = List.of(() -> {
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.pem"), "-keystore", file("truststore.p12"),
                    "-storetype", "PKCS12", "-storepass", password);
            return null;
        }, () -> signed("server", ca), () -> signed("client", ca));
        ExecutorService pool = Executors.newFixedThreadPool(steps.size(), r -> {
            Thread t = new Thread(r, "keytool-" + dir.getFileName());
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<Void> f : pool.invokeAll(steps)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("keytool failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A key pair for {@code who} (CN=localhost) in its own store, signed by the CA, with the CA's certificate next to it. */
    private Void signed(String who, String ca) throws IOException {
        String store = file(who + ".p12");
        keytool("-genkeypair", "-alias", who, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost, OU=" + who,
                "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", password);
        keytool("-certreq", "-alias", who, "-keystore", store, "-storepass", password, "-file", file(who + ".csr"));
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", password, "-infile", file(who + ".csr"),
                "-outfile", file(who + ".pem"), "-ext", SAN, "-ext", "eku=serverAuth,clientAuth", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", file("ca.pem"), "-keystore", store, "-storepass", password);
        keytool("-importcert", "-noprompt", "-alias", who, "-file", file(who + ".pem"), "-keystore", store, "-storepass", password);
        return null;
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // a short-lived JVM each: skip the optimising compiler, it only costs start-up time here
        cmd.add("-J-XX:TieredStopAtLevel=1");
        cmd.add("-J-XX:+UseSerialGC");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " failed: " + out.replace(password, "****"));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    /** The password of every store here. */
    public String password() {
        return password;
    }

    /** The CA's certificate, PEM. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** PKCS12 holding only the CA's certificate: what a client (or the server, for client certificates) trusts. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** PKCS12 with the server's key and its certificate chain. */
    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    /** PKCS12 with a client's key and its certificate chain, for mutual TLS. */
    public Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    /** Where the files are. */
    public Path dir() {
        return dir;
    }
}
