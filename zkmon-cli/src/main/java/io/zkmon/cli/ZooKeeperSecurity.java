package io.zkmon.cli;

import java.nio.file.Path;
import javax.security.auth.login.Configuration;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.common.X509Util;

/**
 * How zkmon secures its ZooKeeper connection beyond digest credentials: TLS ({@code --zookeeper_tls} with an optional
 * truststore and keystore) and SASL ({@code --zookeeper_sasl}), as checked by {@link SecurityResolver}. Everything
 * goes into a {@link ZKClientConfig} of the run's own client, not into JVM-wide system properties; the JAAS file is
 * the exception, because the JDK reads JAAS configuration JVM-wide ({@link #installJaas()}).
 * {@link #describe()} and {@link #toString()} never show a password.
 *
 * @param tls        TLS on
 * @param trustStore the CAs to trust, or null for the JVM's default ones
 * @param keyStore   this client's certificate and key (mutual TLS), or null
 * @param sasl       SASL login, or null
 */
record ZooKeeperSecurity(boolean tls, Store trustStore, Store keyStore, Sasl sasl) {

    /** Neither TLS nor SASL. */
    static final ZooKeeperSecurity NONE = new ZooKeeperSecurity(false, null, null, null);

    /**
     * A key or trust store that was opened with its password at start-up.
     *
     * @param file     where it is
     * @param type     {@code PKCS12}, {@code JKS}, {@code PEM} or {@code BCFKS}
     * @param password its password, or null (a secret)
     */
    record Store(Path file, String type, String password) {
        @Override
        public String toString() {
            return file + " (" + type + (password == null ? "" : ", password " + Settings.MASK) + ")";
        }
    }

    /**
     * A SASL login through JAAS.
     *
     * @param jaasFile the JAAS file zkmon installs, or null to use the JVM's ({@code -Djava.security.auth.login.config})
     * @param context  the login context (section) to use, {@code Client} unless told
     * @param digestMd5 the section logs in with ZooKeeper's {@code DigestLoginModule} (DIGEST-MD5, not Kerberos)
     */
    record Sasl(Path jaasFile, String context, boolean digestMd5) {
    }

    /** The startup line's part: {@code tls=on truststore=... keystore=- sasl=Client jaas=...}, secrets masked. */
    String describe() {
        return " tls=" + (tls ? "on" : "off")
                + (tls ? " truststore=" + (trustStore == null ? "(the JVM's)" : trustStore.file()) + " keystore="
                        + (keyStore == null ? "-" : keyStore.file()) : "")
                + " sasl=" + (sasl == null ? "off" : sasl.context()
                        + " jaas=" + (sasl.jaasFile() == null ? "(the JVM's)" : sasl.jaasFile()));
    }

    /** Whether anything beyond a plain connection is asked for. */
    boolean any() {
        return tls || sasl != null;
    }

    /**
     * A client configuration for one ZooKeeper client. It starts from {@code new ZKClientConfig()}, so
     * {@code -Dzookeeper.*} options in {@code JAVA_OPTS} (protocols, ciphers, hostname verification, CRL, OCSP) still
     * apply, and sets what the flags say on top.
     */
    ZKClientConfig clientConfig() {
        ZKClientConfig c = new ZKClientConfig();
        if (tls) {
            c.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
            c.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ClientCnxnSocketNetty.class.getName());
            try (ClientX509Util x = new ClientX509Util()) {
                if (trustStore != null) {
                    c.setProperty(x.getSslTruststoreLocationProperty(), trustStore.file().toString());
                    c.setProperty(x.getSslTruststoreTypeProperty(), trustStore.type());
                    if (trustStore.password() != null) {
                        c.setProperty(x.getSslTruststorePasswdProperty(), trustStore.password());
                    }
                }
                if (keyStore != null) {
                    c.setProperty(x.getSslKeystoreLocationProperty(), keyStore.file().toString());
                    c.setProperty(x.getSslKeystoreTypeProperty(), keyStore.type());
                    if (keyStore.password() != null) {
                        c.setProperty(x.getSslKeystorePasswdProperty(), keyStore.password());
                    }
                }
            }
        }
        if (sasl != null) {
            c.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "true");
            // named explicitly: a missing section is then an error of the client, never a silent unauthenticated session
            c.setProperty(ZKClientConfig.LOGIN_CONTEXT_NAME_KEY, sasl.context());
            if (sasl.digestMd5()) {
                // ZooKeeper 3.9's client refuses DIGEST-MD5 in its FIPS mode, which is on by default; for this client
                // only (SecurityResolver refuses an explicit -Dzookeeper.fips-mode=true with DIGEST-MD5)
                c.setProperty(X509Util.FIPS_MODE_PROPERTY, "false");
            }
        }
        return c;
    }

    /**
     * Makes the JAAS file of {@code --zookeeper_sasl FILE} the JVM's JAAS configuration, which is where ZooKeeper's
     * SASL client looks for its login context. Nothing to do without SASL or with the JVM's own configuration.
     */
    void installJaas() {
        if (sasl == null || sasl.jaasFile() == null) {
            return;
        }
        System.setProperty("java.security.auth.login.config", sasl.jaasFile().toString());
        Configuration.setConfiguration(SecurityResolver.jaasConfiguration(sasl.jaasFile()));
    }

    @Override
    public String toString() {
        return "ZooKeeperSecurity[" + describe().trim() + "]";
    }
}
