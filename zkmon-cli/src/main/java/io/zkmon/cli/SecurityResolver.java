package io.zkmon.cli;

import io.zkmon.cli.ZooKeeperSecurity.Sasl;
import io.zkmon.cli.ZooKeeperSecurity.Store;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.URIParameter;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.login.Configuration;
import org.apache.zookeeper.common.X509Util;

/**
 * Resolves the TLS and SASL flags ({@code --zookeeper_tls}, {@code --zookeeper_truststore},
 * {@code --zookeeper_keystore}, their password files, {@code --zookeeper_sasl}) and their environment variables into a
 * {@link ZooKeeperSecurity}, opening every store with its password and reading the JAAS file, so that any mistake is
 * a {@link UsageException} before zkmon connects. A password is never part of a message.
 */
final class SecurityResolver {

    private static final String JAAS_PROPERTY = "java.security.auth.login.config";

    private final Map<String, String> env;
    private final Command command;

    private SecurityResolver(Map<String, String> env, Command command) {
        this.env = env;
        this.command = command;
    }

    /**
     * The security settings of a command line.
     *
     * @throws UsageException naming the flag or variable and what would be valid
     */
    static ZooKeeperSecurity resolve(Flags f, Map<String, String> env, Command command) throws UsageException {
        return new SecurityResolver(env, command).resolve(f);
    }

    private ZooKeeperSecurity resolve(Flags f) throws UsageException {
        if (f.zookeeperTruststorePass != null || f.zookeeperKeystorePass != null) {
            String which = f.zookeeperTruststorePass != null ? "truststore" : "keystore";
            throw fail("--zookeeper_" + which + "_pass: a password is not taken on the command line (anyone can read it in ps); use "
                    + "--zookeeper_" + which + "_pass_file FILE or ZKMON_ZOOKEEPER_" + which.toUpperCase(Locale.ROOT) + "_PASS");
        }
        boolean tls = f.zookeeperTls || tlsFromEnv();
        String trust = valueOf(f.zookeeperTruststore, "--zookeeper_truststore", "ZKMON_ZOOKEEPER_TRUSTSTORE");
        String key = valueOf(f.zookeeperKeystore, "--zookeeper_keystore", "ZKMON_ZOOKEEPER_KEYSTORE");
        String trustPass = password("truststore", f.zookeeperTruststorePassFile);
        String keyPass = password("keystore", f.zookeeperKeystorePassFile);
        if (!tls) {
            String stray = trust != null ? "--zookeeper_truststore" : key != null ? "--zookeeper_keystore"
                    : trustPass != null ? "a truststore password" : keyPass != null ? "a keystore password" : null;
            if (stray != null) {
                throw fail(stray + " needs --zookeeper_tls (or ZKMON_ZOOKEEPER_TLS=true): TLS is off");
            }
        }
        if (trust == null && trustPass != null) {
            throw fail("a truststore password was given without --zookeeper_truststore");
        }
        if (key == null && keyPass != null) {
            throw fail("a keystore password was given without --zookeeper_keystore");
        }
        Sasl sasl = sasl(valueOf(f.zookeeperSasl, "--zookeeper_sasl", "ZKMON_ZOOKEEPER_SASL"));
        if ((tls || sasl != null) && command == Command.DEMO) {
            throw fail("--zookeeper_tls and --zookeeper_sasl are not for the demo: its embedded ZooKeeper is plain");
        }
        Store trustStore = trust == null ? null : store("--zookeeper_truststore", trust, trustPass, false);
        Store keyStore = key == null ? null : store("--zookeeper_keystore", key, keyPass, true);
        return tls || sasl != null ? new ZooKeeperSecurity(tls, trustStore, keyStore, sasl) : ZooKeeperSecurity.NONE;
    }

    private boolean tlsFromEnv() throws UsageException {
        String v = env.get("ZKMON_ZOOKEEPER_TLS");
        if (v == null || v.isBlank()) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw fail("ZKMON_ZOOKEEPER_TLS (environment): '" + v + "' is not true or false");
        };
    }

    private String valueOf(String flag, String flagName, String envName) throws UsageException {
        String v = flag != null ? flag : env.get(envName);
        if (v == null || (flag == null && v.isEmpty())) {
            return null;
        }
        if (v.isBlank()) {
            throw fail((flag != null ? flagName : envName + " (environment)") + " must not be empty");
        }
        return v;
    }

    /** A store's password: from {@code --zookeeper_X_pass_file}, else {@code ZKMON_ZOOKEEPER_X_PASS(_FILE)}. */
    private String password(String which, String fileFlag) throws UsageException {
        String upper = which.toUpperCase(Locale.ROOT);
        String flagName = "--zookeeper_" + which + "_pass_file";
        if (fileFlag != null) {
            return SettingsResolver.firstLineOf(flagName, fileFlag, command);
        }
        String inline = env.get("ZKMON_ZOOKEEPER_" + upper + "_PASS");
        String file = env.get("ZKMON_ZOOKEEPER_" + upper + "_PASS_FILE");
        inline = inline == null || inline.isEmpty() ? null : inline;
        file = file == null || file.isEmpty() ? null : file;
        if (inline != null && file != null) {
            throw fail("set ZKMON_ZOOKEEPER_" + upper + "_PASS or ZKMON_ZOOKEEPER_" + upper + "_PASS_FILE, not both");
        }
        return file != null ? SettingsResolver.firstLineOf("ZKMON_ZOOKEEPER_" + upper + "_PASS_FILE (environment)", file, command) : inline;
    }

    /** Opens the store as ZooKeeper will, so that a wrong path, type or password stops zkmon now. */
    private Store store(String flag, String location, String password, boolean needsKey) throws UsageException {
        Path file;
        try {
            file = Path.of(location);
        } catch (InvalidPathException e) {
            throw fail(flag + ": '" + location + "' is not a file name");
        }
        if (!Files.exists(file)) {
            throw fail(flag + ": cannot read '" + location + "': no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw fail(flag + ": cannot read '" + location + "': " + (Files.isRegularFile(file) ? "permission denied" : "not a file"));
        }
        String type = storeType(file);
        KeyStore ks;
        try {
            ks = needsKey ? X509Util.loadKeyStore(location, password == null ? "" : password, type)
                    : X509Util.loadTrustStore(location, password == null ? "" : password, type);
        } catch (java.io.IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw fail(flag + ": cannot open '" + location + "' as a " + type + " store: " + why(e, flag));
        }
        try {
            boolean hasKey = false;
            boolean hasCert = false;
            for (String alias : Collections.list(ks.aliases())) {
                hasKey |= ks.isKeyEntry(alias);
                hasCert |= ks.isCertificateEntry(alias) || ks.getCertificate(alias) != null;
            }
            if (needsKey && !hasKey) {
                throw fail(flag + ": '" + location + "' holds no private key; the keystore is this client's certificate and key"
                        + " (the CAs to trust go into --zookeeper_truststore)");
            }
            if (!needsKey && !hasCert) {
                throw fail(flag + ": '" + location + "' holds no certificate; put the CA that signed the servers' certificates in it");
            }
            if (needsKey) {
                // the key itself must open with the store's password, as ZooKeeper's key manager will ask
                X509Util.createKeyManager(location, password, type);
            }
        } catch (GeneralSecurityException | org.apache.zookeeper.common.X509Exception.KeyManagerException e) {
            throw fail(flag + ": cannot use '" + location + "': " + why(e, flag));
        }
        return new Store(file.toAbsolutePath(), type, password);
    }

    /** The type from the file name as ZooKeeper names them; PKCS12 (the JDK's default, which reads JKS too) otherwise. */
    static String storeType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jks")) {
            return "JKS";
        }
        if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
            return "PEM";
        }
        if (name.endsWith(".bcfks")) {
            return "BCFKS";
        }
        return "PKCS12";
    }

    private static String why(Exception e, String flag) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof java.security.UnrecoverableKeyException) {
                break;
            }
            root = root.getCause();
        }
        String text = String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT);
        if (root instanceof java.security.UnrecoverableKeyException || text.contains("password") || text.contains("mac check")
                || text.contains("given final block not properly padded")) {
            String pass = flag.replace("--", "") + "_pass";
            return "wrong password (give it with --" + pass + "_file FILE or ZKMON_" + pass.toUpperCase(Locale.ROOT) + ")";
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /**
     * {@code --zookeeper_sasl}: a JAAS file ({@code /etc/zkmon/jaas.conf}, its {@code Client} section), a login context
     * of the JVM's JAAS configuration ({@code context=NAME}), or both ({@code /etc/zkmon/jaas.conf,context=NAME}).
     */
    private Sasl sasl(String spec) throws UsageException {
        if (spec == null) {
            return null;
        }
        String file = null;
        String context = null;
        for (String part : spec.split(",", -1)) {
            String p = part.trim();
            if (p.startsWith("context=")) {
                context = p.substring("context=".length()).trim();
                if (context.isEmpty()) {
                    throw fail("--zookeeper_sasl: 'context=' needs a login context name, e.g. context=Client");
                }
            } else if (p.startsWith("file=")) {
                file = p.substring("file=".length()).trim();
            } else if (file == null && !p.isEmpty() && !p.contains("=")) {
                file = p;
            } else {
                throw fail("--zookeeper_sasl: '" + spec + "' is not understood; use a JAAS file (/etc/zkmon/jaas.conf), a login"
                        + " context (context=Client), or both (/etc/zkmon/jaas.conf,context=Client)");
            }
        }
        String name = context == null ? "Client" : context;
        if (file == null) {
            String jvm = System.getProperty(JAAS_PROPERTY);
            if (jvm == null || jvm.isBlank()) {
                throw fail("--zookeeper_sasl context=" + name + ": there is no JAAS configuration; give the file too"
                        + " (--zookeeper_sasl /etc/zkmon/jaas.conf,context=" + name + ") or -D" + JAAS_PROPERTY + "=FILE in JAVA_OPTS");
            }
            Configuration jvmConfig;
            try {
                jvmConfig = Configuration.getConfiguration();
            } catch (SecurityException e) {
                throw fail("--zookeeper_sasl: cannot read the JAAS configuration " + jvm + ": " + e.getMessage());
            }
            if (jvmConfig.getAppConfigurationEntry(name) == null) {
                throw fail("--zookeeper_sasl: the JAAS configuration " + jvm + " has no login context '" + name + "'");
            }
            return new Sasl(null, name, digestMd5(jvmConfig.getAppConfigurationEntry(name), name));
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw fail("--zookeeper_sasl: '" + file + "' is not a file name");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw fail("--zookeeper_sasl: cannot read the JAAS file '" + file + "': "
                    + (!Files.exists(path) ? "no such file" : Files.isRegularFile(path) ? "permission denied" : "not a file"));
        }
        Configuration parsed;
        try {
            parsed = jaasConfiguration(path);
        } catch (IllegalArgumentException e) {
            throw fail("--zookeeper_sasl: the JAAS file '" + file + "' is not valid: " + e.getMessage());
        }
        if (parsed.getAppConfigurationEntry(name) == null) {
            throw fail("--zookeeper_sasl: the JAAS file '" + file + "' has no section '" + name + "'"
                    + (context == null ? " (the default); name yours with --zookeeper_sasl " + file + ",context=NAME" : ""));
        }
        return new Sasl(path.toAbsolutePath(), name, digestMd5(parsed.getAppConfigurationEntry(name), name));
    }

    /** Whether a section logs in with DIGEST-MD5, which ZooKeeper 3.9 allows only with its FIPS mode off. */
    private boolean digestMd5(javax.security.auth.login.AppConfigurationEntry[] entries, String name) throws UsageException {
        boolean digest = false;
        for (javax.security.auth.login.AppConfigurationEntry e : entries) {
            digest |= e.getLoginModuleName().endsWith(".DigestLoginModule");
        }
        if (digest && "true".equalsIgnoreCase(System.getProperty(X509Util.FIPS_MODE_PROPERTY))) {
            throw fail("--zookeeper_sasl: the JAAS section '" + name + "' logs in with DIGEST-MD5, which ZooKeeper refuses with -D"
                    + X509Util.FIPS_MODE_PROPERTY + "=true; use Kerberos (Krb5LoginModule) or drop that option");
        }
        return digest;
    }

    /**
     * A JAAS file read as the JDK reads {@code -Djava.security.auth.login.config}.
     *
     * @throws IllegalArgumentException with the parser's words when it is not valid
     */
    static Configuration jaasConfiguration(Path file) {
        try {
            return Configuration.getInstance("JavaLoginConfig", new URIParameter(file.toAbsolutePath().toUri()));
        } catch (NoSuchAlgorithmException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(String.valueOf(cause.getMessage()), e);
        }
    }

    private UsageException fail(String message) {
        return new UsageException(command, message);
    }
}
