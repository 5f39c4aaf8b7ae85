package io.zkmon.alerts.email;

import io.zkmon.alerts.internal.support.SettingsSupport;
import io.zkmon.core.alert.AlerterSettings;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how to hand mail over: from {@code smtp:} of a named alerter, else from the environment
 * ({@code SMTP_HOST}, {@code SMTP_PORT}, as the old daemon read them), else {@code localhost:25}.
 *
 * @param host               the SMTP server
 * @param port               its port (default 25, or 465 with {@code ssl})
 * @param username           login, or null for none
 * @param password           password (a secret), or null
 * @param starttls           require STARTTLS before anything else is sent
 * @param ssl                connect with TLS from the start (SMTPS)
 * @param from               the sender address, or null for {@code zkmon@<this host>}
 * @param insecureSkipVerify accept any server certificate (test servers only)
 * @param timeout            connect, read and write timeout
 */
record SmtpSettings(String host, int port, String username, String password, boolean starttls, boolean ssl, InternetAddress from,
        boolean insecureSkipVerify, Duration timeout) {

    static final String ENV_HOST = "SMTP_HOST";
    static final String ENV_PORT = "SMTP_PORT";

    /**
     * Reads settings.
     *
     * @param smtp  the {@code smtp:} map, or null for the short forms ({@code email: you@home.com})
     * @param owner the alerter's settings, for the environment and errors that concern it as a whole
     */
    static SmtpSettings read(AlerterSettings smtp, AlerterSettings owner) {
        Map<String, String> env = owner.env();
        String host = smtp == null ? null : smtp.string("host", null);
        if (host == null || host.isBlank()) {
            String fromEnv = env.get(ENV_HOST);
            host = fromEnv == null || fromEnv.isBlank() ? "localhost" : fromEnv.trim();
        }
        Integer port = smtp != null && smtp.has("port") ? Integer.valueOf(smtp.integer("port", 25, 1, 65535)) : null;
        if (port == null) {
            port = envPort(env, owner);
        }
        String username = smtp == null ? null : smtp.string("username", null);
        String password = smtp == null ? null : smtp.secret("password", null);
        boolean starttls = smtp != null && smtp.bool("starttls", false);
        boolean ssl = smtp != null && smtp.bool("ssl", false);
        boolean insecure = smtp != null && smtp.bool("insecure_skip_verify", false);
        InternetAddress from = null;
        Duration timeout = SettingsSupport.DEFAULT_TIMEOUT;
        if (smtp != null) {
            if ((username == null) != (password == null)) {
                smtp.error(username == null ? "password" : "username",
                        "SMTP login of alerter '" + owner.name() + "' needs both 'username' and 'password'");
            }
            if (starttls && ssl) {
                smtp.error("starttls", "alerter '" + owner.name() + "' sets both 'ssl' (TLS from the first byte, usually port 465) and"
                        + " 'starttls' (upgrade a plain connection, usually port 587); pick the one your server speaks");
            }
            String f = smtp.string("from", null);
            if (f != null) {
                try {
                    from = Addresses.parse(f);
                } catch (IllegalArgumentException e) {
                    smtp.error("from", "'from' of alerter '" + owner.name() + "' is not a valid email address: '" + f + "' (" + e.getMessage() + ")");
                }
            }
            timeout = SettingsSupport.timeout(smtp);
        }
        return new SmtpSettings(host, port != null ? port : ssl ? 465 : 25, username, password, starttls, ssl, from, insecure, timeout);
    }

    private static Integer envPort(Map<String, String> env, AlerterSettings owner) {
        String text = env.get(ENV_PORT);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int p = Integer.parseInt(text.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        owner.error(null, "environment variable " + ENV_PORT + " (used by alerter '" + owner.name() + "') must be a port number"
                + " between 1 and 65535, got '" + text + "'");
        return null;
    }

    /** {@code host:port}: what failure details name. */
    String server() {
        return host + ":" + port;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SmtpSettings[" + server() + (username == null ? "" : ", user " + username + ", password ****") + (ssl ? ", ssl" : "")
                + (starttls ? ", starttls" : "") + (insecureSkipVerify ? ", insecure_skip_verify" : "") + "]";
    }
}
