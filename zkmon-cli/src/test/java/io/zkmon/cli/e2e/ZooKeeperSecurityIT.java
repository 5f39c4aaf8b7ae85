package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkmon.testkit.FreePorts;
import io.zkmon.testkit.HttpSink;
import io.zkmon.testkit.TestCertificates;
import io.zkmon.testkit.ZooKeeperServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon against a real ZooKeeper 3.9 that takes TLS on a {@code secureClientPort} (a CA and certificates
 * made with {@code keytool} for the test, a client certificate required) or requires SASL DIGEST-MD5 through JAAS:
 * zkmon connects, asks the server its version over the same TLS, watches, and alerts through a webhook. A truststore
 * of another CA is a WARN naming the TLS failure, {@code connected: false} on {@code /status} and a {@code ZkmonBlind}
 * alert, never a silent Unknown; {@code check} says the same and exits UNKNOWN. No password ever shows.
 */
class ZooKeeperSecurityIT {

    private static final String SASL_PASS = "saslP4ss-sEcr3t";

    @TempDir
    static Path shared;
    /** One CA and its stores for the whole class: every test only reads them, and each set costs 13 keytool runs. */
    private static TestCertificates certs;
    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.generate(shared.resolve("tls"));
    }

    /** A ZooKeeper server's JAAS file: user {@code zkmon} with {@link #SASL_PASS}, for DIGEST-MD5. */
    private Path serverJaas() throws Exception {
        return Files.writeString(dir.resolve("server-jaas.conf"), """
                Server {
                  org.apache.zookeeper.server.auth.DigestLoginModule required
                  user_zkmon="%s";
                };
                """.formatted(SASL_PASS));
    }

    /** zkmon's JAAS file: login context {@code ZkmonClient}, user {@code zkmon} with {@code password}. */
    private Path clientJaas(String password) throws Exception {
        return Files.writeString(dir.resolve("jaas.conf"), """
                ZkmonClient {
                  org.apache.zookeeper.server.auth.DigestLoginModule required
                  username="zkmon"
                  password="%s";
                };
                """.formatted(password));
    }

    @Test
    void overTlsWithAClientCertificateTheDaemonAsksTheVersionWatchesAndAlerts() throws Exception {
        assumeTrue(Jar.hasAlerterType("webhook") && Jar.hasHttp(), "needs alerts and http in the jar");
        Path passFile = Files.writeString(dir.resolve("truststore.pass"), certs.password() + "\n");
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.builder().dir(dir.resolve("zk")).tls(certs).start();
             ZooKeeperData data = new ZooKeeperData(zk.connectString());
             HttpSink hook = HttpSink.start()) {
            data.instance("/svc/a", "a1");
            Path file = Files.writeString(dir.resolve("tls.yaml"), """
                    alerters:
                      hook: {type: webhook, url: "%s"}
                    /svc/a: {children: 1, cancel_timeout: 0, alerter: [hook]}
                    """.formatted(hook.url("/hook")));
            int port = FreePorts.find();
            try (ZkmonProcess p = ZkmonProcess.start(List.of(), List.of("-l", "INFO", "-z", zk.secureConnectString(), "-f", file.toString(),
                    "-p", String.valueOf(port), "--zookeeper_tls", "--zookeeper_truststore", certs.trustStore().toString(),
                    "--zookeeper_truststore_pass_file", passFile.toString(), "--zookeeper_keystore", certs.clientKeyStore().toString()),
                    Map.of("ZKMON_ZOOKEEPER_KEYSTORE_PASS", certs.password()))) {
                p.awaitOutput("tls=on truststore=" + certs.trustStore().toAbsolutePath(), Duration.ofSeconds(30));
                // srvr over TLS with the client's own certificates: the version, not a guess
                p.awaitOutput("ZooKeeper 3.9.5 at 127.0.0.1:" + zk.securePort() + ": watching with persistent recursive watches (srvr",
                        Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> StatusPage.get(port).at("/monitor/compliance").path("/svc/a").asBoolean());

                data.remove("/svc/a/a1");
                HttpSink.Request alert = hook.awaitRequests(1, Duration.ofSeconds(30)).get(0);
                assertThat(alert.body()).contains("/svc/a").contains("ZkmonPathOutOfSpec");
                assertThat(p.output()).doesNotContain(certs.password());
            }
        }
    }

    @Test
    void withSaslDigestMd5TheDaemonAuthenticatesAndWatchesWhereAPlainClientIsRefused() throws Exception {
        assumeTrue(Jar.hasAlerterType("webhook") && Jar.hasHttp() && Jar.hasCluster(), "needs alerts, http and cluster in the jar");
        Path serverJaas = serverJaas();
        Path clientJaas = clientJaas(SASL_PASS);
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.builder().dir(dir.resolve("zk")).jaas(serverJaas)
                .config("enforce.auth.enabled", "true").config("enforce.auth.schemes", "sasl").start();
             HttpSink hook = HttpSink.start()) {
            Path file = Files.writeString(dir.resolve("sasl.yaml"), """
                    alerters:
                      hook: {type: webhook, url: "%s"}
                    /zookeeper: {exists: true, alerter: [hook]}
                    /svc/missing: {exists: true, cancel_timeout: 0, alerter: [hook]}
                    """.formatted(hook.url("/hook")));

            // without SASL the server refuses the session: check cannot see, says so and exits UNKNOWN
            ZkmonProcess plain = ZkmonProcess.run("check", "-z", zk.connectString(), "-f", file.toString(), "--timeout", "3s");
            assertThat(plain.exitCode()).as(plain.output()).isEqualTo(3);
            assertThat(plain.stdout()).startsWith("ZKMON UNKNOWN");

            ZkmonProcess check = ZkmonProcess.run("check", "-z", zk.connectString(), "-f", file.toString(), "--timeout", "20s",
                    "--zookeeper_sasl", clientJaas + ",context=ZkmonClient");
            assertThat(check.stdout()).as(check.output()).startsWith("ZKMON WARNING - 1 of 2 paths out of spec");

            int port = FreePorts.find();
            try (ZkmonProcess p = ZkmonProcess.start(List.of(), List.of("-l", "INFO", "-z", zk.connectString(), "-f", file.toString(),
                    "-p", String.valueOf(port), "--zookeeper_sasl", clientJaas + ",context=ZkmonClient"), Map.of())) {
                p.awaitOutput("sasl=ZkmonClient jaas=" + clientJaas.toAbsolutePath(), Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> StatusPage.get(port).at("/monitor/compliance").path("/zookeeper").asBoolean());
                HttpSink.Request alert = hook.awaitRequests(1, Duration.ofSeconds(30)).get(0);
                assertThat(alert.body()).contains("/svc/missing");
                // the cluster's znodes were written through the authenticated session: this agent sends
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> StatusPage.get(port).at("/dispatcher/alerting").asBoolean());
                assertThat(p.output()).doesNotContain(SASL_PASS);
            }
        }
    }

    @Test
    void aWrongSaslPasswordIsAnAuthenticationErrorOnTheLogAndABlindAlertNeverASilentUnknown() throws Exception {
        assumeTrue(Jar.hasAlerterType("webhook") && Jar.hasHttp(), "needs alerts and http in the jar");
        Path serverJaas = serverJaas();
        Path clientJaas = clientJaas("not-" + SASL_PASS);
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.builder().dir(dir.resolve("zk")).jaas(serverJaas)
                .config("enforce.auth.enabled", "true").config("enforce.auth.schemes", "sasl").start();
             HttpSink hook = HttpSink.start()) {
            Path file = Files.writeString(dir.resolve("sasl.yaml"), """
                    settings:
                      blind_timeout: 2s
                    alerters:
                      hook: {type: webhook, url: "%s"}
                    /svc/a: {children: 1, alerter: [hook]}
                    """.formatted(hook.url("/hook")));
            List<String> sasl = List.of("-z", zk.connectString(), "-f", file.toString(), "--zookeeper_sasl", clientJaas + ",context=ZkmonClient");

            ZkmonProcess check = ZkmonProcess.start(List.of(), concat(List.of("check", "--timeout", "5s"), sasl), Map.of());
            assertThat(check.awaitExit(Duration.ofSeconds(30))).as(check.output()).isEqualTo(3);
            assertThat(check.stdout()).as(check.output()).startsWith("ZKMON UNKNOWN")
                    .contains("is the SASL login right? check the username and password of login context 'ZkmonClient' in " + clientJaas);
            assertThat(check.output()).doesNotContain(SASL_PASS);

            int port = FreePorts.find();
            try (ZkmonProcess p = ZkmonProcess.start(List.of(), concat(List.of("-l", "INFO", "-p", String.valueOf(port)), sasl), Map.of())) {
                // loud: a blind self-alert, connected false, and a log line naming the refused authentication; the daemon keeps trying
                // (the cluster's "no sender" may come first: this agent cannot see whether another one sends)
                await().atMost(Duration.ofSeconds(40)).until(() -> hook.requests().stream().anyMatch(r -> r.body().contains("ZkmonBlind")));
                assertThat(StatusPage.get(port).at("/zookeeper/connected").asBoolean()).isFalse();
                p.awaitOutput("SASL authentication failed using login context 'ZkmonClient'", Duration.ofSeconds(40));
                p.awaitOutput("is the SASL login right?", Duration.ofSeconds(40));
                assertThat(p.isAlive()).isTrue();
                assertThat(p.output()).doesNotContain(SASL_PASS);
            }
        }
    }

    @Test
    void aTruststoreOfAnotherCaIsATlsErrorOnTheLogAndABlindAlertNeverASilentUnknown() throws Exception {
        assumeTrue(Jar.hasAlerterType("webhook") && Jar.hasHttp(), "needs alerts and http in the jar");
        TestCertificates other = TestCertificates.generate(dir.resolve("other"));
        try (ZooKeeperServerProcess zk = ZooKeeperServerProcess.builder().dir(dir.resolve("zk")).tls(certs).start();
             HttpSink hook = HttpSink.start()) {
            Path file = Files.writeString(dir.resolve("tls.yaml"), """
                    settings:
                      blind_timeout: 2s
                    alerters:
                      hook: {type: webhook, url: "%s"}
                    /svc/a: {children: 1, alerter: [hook]}
                    """.formatted(hook.url("/hook")));
            Map<String, String> env = Map.of("ZKMON_ZOOKEEPER_TRUSTSTORE_PASS", other.password(),
                    "ZKMON_ZOOKEEPER_KEYSTORE_PASS", certs.password());
            List<String> tls = List.of("-z", zk.secureConnectString(), "-f", file.toString(), "--zookeeper_tls", "--zookeeper_truststore",
                    other.trustStore().toString(), "--zookeeper_keystore", certs.clientKeyStore().toString());

            ZkmonProcess check = ZkmonProcess.start(List.of(), concat(List.of("check", "--timeout", "3s"), tls), env);
            assertThat(check.awaitExit(Duration.ofSeconds(30))).as(check.output()).isEqualTo(3);
            assertThat(check.stdout()).as(check.output()).startsWith("ZKMON UNKNOWN - cannot reach ZooKeeper at " + zk.secureConnectString())
                    .contains("TLS handshake failed: the server's certificate is not signed by a CA in --zookeeper_truststore "
                            + other.trustStore().toAbsolutePath());

            int port = FreePorts.find();
            try (ZkmonProcess p = ZkmonProcess.start(List.of(), concat(List.of("-l", "INFO", "-p", String.valueOf(port)), tls), env)) {
                // loud: a blind self-alert, connected false, and a log line naming the TLS failure; the daemon keeps trying
                HttpSink.Request blind = hook.awaitRequests(1, Duration.ofSeconds(40)).get(0);
                assertThat(blind.body()).contains("ZkmonBlind");
                assertThat(StatusPage.get(port).at("/zookeeper/connected").asBoolean()).isFalse();
                p.awaitOutput("TLS handshake failed: the server's certificate is not signed by a CA in --zookeeper_truststore",
                        Duration.ofSeconds(40));
                assertThat(p.isAlive()).isTrue();
                assertThat(p.output()).doesNotContain(certs.password()).doesNotContain(other.password());
            }
        }
    }

    @Test
    void aWrongStorePasswordOrATruststoreWithoutTlsStopsZkmonBeforeItConnects() throws Exception {
        Path file = Files.writeString(dir.resolve("x.yaml"), "/svc/a: {children: 1}\n");
        ZkmonProcess wrong = ZkmonProcess.run(Map.of("ZKMON_ZOOKEEPER_TRUSTSTORE_PASS", "not-" + certs.password()), "-z", "127.0.0.1:1",
                "-f", file.toString(), "--zookeeper_tls", "--zookeeper_truststore", certs.trustStore().toString());
        assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(2);
        assertThat(wrong.stderr()).contains("zkmon: --zookeeper_truststore: cannot open '" + certs.trustStore() + "' as a PKCS12 store: wrong password")
                .doesNotContain(certs.password());

        ZkmonProcess noTls = ZkmonProcess.run("-z", "127.0.0.1:1", "-f", file.toString(), "--zookeeper_truststore", certs.trustStore().toString());
        assertThat(noTls.exitCode()).as(noTls.output()).isEqualTo(2);
        assertThat(noTls.stderr()).contains("--zookeeper_truststore needs --zookeeper_tls");

        ZkmonProcess inline = ZkmonProcess.run("-z", "127.0.0.1:1", "-f", file.toString(), "--zookeeper_tls", "--zookeeper_keystore_pass",
                certs.password());
        assertThat(inline.exitCode()).as(inline.output()).isEqualTo(2);
        assertThat(inline.stderr()).contains("a password is not taken on the command line").doesNotContain(certs.password());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
