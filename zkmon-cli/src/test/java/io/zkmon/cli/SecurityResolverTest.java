package io.zkmon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zkmon.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --zookeeper_tls}, the stores and their passwords, {@code --zookeeper_sasl}: resolved and checked before connecting. */
class SecurityResolverTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    private final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.generate(dir.resolve("tls"));
    }

    private Settings resolve(String... args) throws UsageException {
        String[] all = new String[args.length + 2];
        all[0] = "-f";
        all[1] = "x.yaml";
        System.arraycopy(args, 0, all, 2, args.length);
        return SettingsResolver.resolve(all, env);
    }

    private String mistake(String... args) {
        UsageException e = catchThrowableOfType(UsageException.class, () -> resolve(args));
        assertThat(e).as("expected a usage error for %s", String.join(" ", args)).isNotNull();
        assertThat(e.getMessage()).doesNotContain(certs.password());
        return e.getMessage();
    }

    @Test
    void plainByDefaultAndTheStartupLineSaysSo() throws Exception {
        Settings s = resolve();
        assertThat(s.security()).isEqualTo(ZooKeeperSecurity.NONE);
        assertThat(s.describe()).contains(" tls=off sasl=off ");
    }

    @Test
    void tlsWithStoresGoesIntoTheClientsOwnConfigAndNeverIntoTheStartupLine() throws Exception {
        env.put("ZKMON_ZOOKEEPER_TRUSTSTORE_PASS", certs.password());
        Path keyPass = Files.writeString(dir.resolve("key.pass"), certs.password() + "\nignored\n");
        Settings s = resolve("--zookeeper_tls", "--zookeeper_truststore", certs.trustStore().toString(), "--zookeeper_keystore",
                certs.clientKeyStore().toString(), "--zookeeper_keystore_pass_file", keyPass.toString());

        ZKClientConfig c = s.security().clientConfig();
        assertThat(c.getBoolean(ZKClientConfig.SECURE_CLIENT)).isTrue();
        assertThat(c.getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET)).isEqualTo("org.apache.zookeeper.ClientCnxnSocketNetty");
        assertThat(c.getProperty("zookeeper.ssl.trustStore.location")).isEqualTo(certs.trustStore().toAbsolutePath().toString());
        assertThat(c.getProperty("zookeeper.ssl.trustStore.type")).isEqualTo("PKCS12");
        assertThat(c.getProperty("zookeeper.ssl.trustStore.password")).isEqualTo(certs.password());
        assertThat(c.getProperty("zookeeper.ssl.keyStore.password")).isEqualTo(certs.password());
        assertThat(s.describe()).contains("tls=on truststore=" + certs.trustStore().toAbsolutePath() + " keystore="
                + certs.clientKeyStore().toAbsolutePath()).doesNotContain(certs.password());
        assertThat(s.toString()).doesNotContain(certs.password());
        assertThat(System.getProperty("zookeeper.client.secure")).as("nothing JVM-wide").isNull();
    }

    @Test
    void tlsAloneTrustsTheJvmsCasAndTheEnvironmentCanTurnItOn() throws Exception {
        assertThat(resolve("--zookeeper_tls").security().trustStore()).isNull();
        env.put("ZKMON_ZOOKEEPER_TLS", "true");
        env.put("ZKMON_ZOOKEEPER_TRUSTSTORE", certs.caPem().toString());
        ZooKeeperSecurity s = resolve().security();
        assertThat(s.tls()).isTrue();
        assertThat(s.trustStore().type()).as("a CA certificate in PEM needs no password").isEqualTo("PEM");
    }

    @Test
    void storesWithoutTlsAreAMistake() {
        assertThat(mistake("--zookeeper_truststore", certs.trustStore().toString())).isEqualTo(
                "--zookeeper_truststore needs --zookeeper_tls (or ZKMON_ZOOKEEPER_TLS=true): TLS is off");
        env.put("ZKMON_ZOOKEEPER_KEYSTORE", certs.clientKeyStore().toString());
        assertThat(mistake()).startsWith("--zookeeper_keystore needs --zookeeper_tls");
    }

    @Test
    void aMissingStoreAWrongPasswordOrTheWrongKindOfStoreIsNamed() throws Exception {
        assertThat(mistake("--zookeeper_tls", "--zookeeper_truststore", dir.resolve("nope.p12").toString()))
                .isEqualTo("--zookeeper_truststore: cannot read '" + dir.resolve("nope.p12") + "': no such file");
        env.put("ZKMON_ZOOKEEPER_TRUSTSTORE_PASS", "wrong-" + certs.password());
        assertThat(mistake("--zookeeper_tls", "--zookeeper_truststore", certs.trustStore().toString()))
                .isEqualTo("--zookeeper_truststore: cannot open '" + certs.trustStore() + "' as a PKCS12 store: wrong password (give it with"
                        + " --zookeeper_truststore_pass_file FILE or ZKMON_ZOOKEEPER_TRUSTSTORE_PASS)");
        env.put("ZKMON_ZOOKEEPER_TRUSTSTORE_PASS", certs.password());
        env.put("ZKMON_ZOOKEEPER_KEYSTORE_PASS", certs.password());
        assertThat(mistake("--zookeeper_tls", "--zookeeper_truststore", certs.trustStore().toString(), "--zookeeper_keystore",
                certs.trustStore().toString())).contains("holds no private key");
    }

    @Test
    void passwordsComeFromFilesOrTheEnvironmentNeverFromTheCommandLine() throws Exception {
        assertThat(mistake("--zookeeper_tls", "--zookeeper_truststore_pass", certs.password())).startsWith(
                "--zookeeper_truststore_pass: a password is not taken on the command line (anyone can read it in ps); use"
                        + " --zookeeper_truststore_pass_file FILE or ZKMON_ZOOKEEPER_TRUSTSTORE_PASS");
        env.put("ZKMON_ZOOKEEPER_TRUSTSTORE_PASS", certs.password());
        env.put("ZKMON_ZOOKEEPER_TRUSTSTORE_PASS_FILE", "/etc/zkmon/ts.pass");
        assertThat(mistake("--zookeeper_tls", "--zookeeper_truststore", certs.trustStore().toString()))
                .isEqualTo("set ZKMON_ZOOKEEPER_TRUSTSTORE_PASS or ZKMON_ZOOKEEPER_TRUSTSTORE_PASS_FILE, not both");
        env.clear();
        assertThat(mistake("--zookeeper_tls", "--zookeeper_keystore_pass_file", dir.resolve("none").toString()))
                .startsWith("--zookeeper_keystore_pass_file: cannot read");
    }

    @Test
    void saslTakesAJaasFileItsSectionOrBothAndChecksTheSectionIsThere() throws Exception {
        Path jaas = Files.writeString(dir.resolve("jaas.conf"), """
                Client { org.apache.zookeeper.server.auth.DigestLoginModule required username="zkmon" password="s3cret"; };
                Other { org.apache.zookeeper.server.auth.DigestLoginModule required username="x" password="y"; };
                """);
        ZooKeeperSecurity.Sasl client = resolve("--zookeeper_sasl", jaas.toString()).security().sasl();
        assertThat(client).isEqualTo(new ZooKeeperSecurity.Sasl(jaas.toAbsolutePath(), "Client", true));
        ZooKeeperSecurity other = resolve("--zookeeper_sasl", jaas + ",context=Other").security();
        assertThat(other.sasl().context()).isEqualTo("Other");
        assertThat(other.clientConfig().getProperty(ZKClientConfig.LOGIN_CONTEXT_NAME_KEY)).isEqualTo("Other");
        assertThat(other.clientConfig().getProperty("zookeeper.fips-mode")).as("DIGEST-MD5 needs FIPS mode off, for this client only")
                .isEqualTo("false");
        assertThat(resolve("--zookeeper_sasl", jaas.toString()).describe()).contains(" sasl=Client jaas=" + jaas.toAbsolutePath())
                .doesNotContain("s3cret");

        assertThat(mistake("--zookeeper_sasl", jaas + ",context=Nope"))
                .isEqualTo("--zookeeper_sasl: the JAAS file '" + jaas + "' has no section 'Nope'");
        assertThat(mistake("--zookeeper_sasl", dir.resolve("no.conf").toString())).endsWith("no such file");
        assertThat(mistake("--zookeeper_sasl", jaas + ",user=x")).startsWith("--zookeeper_sasl: '" + jaas + ",user=x' is not understood");
        Path broken = Files.writeString(dir.resolve("broken.conf"), "Client { nonsense");
        assertThat(mistake("--zookeeper_sasl", broken.toString())).startsWith("--zookeeper_sasl: the JAAS file '" + broken + "' is not valid: ");
        if (System.getProperty("java.security.auth.login.config") == null) {
            assertThat(mistake("--zookeeper_sasl", "context=Client")).startsWith("--zookeeper_sasl context=Client: there is no JAAS configuration");
        }
    }

    @Test
    void theDemosEmbeddedServerIsPlain() {
        UsageException e = catchThrowableOfType(UsageException.class, () -> SettingsResolver.resolve(new String[] {"demo", "--zookeeper_tls"}, env));
        assertThat(e.getMessage()).contains("not for the demo");
    }
}
