package io.zkmon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.common.X509Exception;
import org.apache.zookeeper.common.SSLContextAndOptions;

/**
 * Why ZooKeeper cannot be reached, in words an operator can act on: each server of the connect string is tried as
 * the client would (a TCP connection, and with TLS a handshake with the client's own truststore, keystore and hostname
 * verification), so that a wrong truststore says "certificate not trusted" instead of a bare "cannot reach". The
 * ZooKeeper client itself retries such failures quietly; this runs only when zkmon is about to say it cannot reach
 * ZooKeeper.
 */
final class ConnectionDiagnosis {

    private static final int TIMEOUT_MS = 3_000;
    private static final int MAX_SERVERS = 3;

    private final String connectString;
    private final ZooKeeperSecurity security;

    ConnectionDiagnosis(String connectString, ZooKeeperSecurity security) {
        this.connectString = connectString;
        this.security = security;
    }

    /** One line per server tried (at most three), joined with "; "; blocks for a few seconds at most per server. */
    String diagnose() {
        List<String> found = new ArrayList<>();
        List<InetSocketAddress> servers = servers(connectString);
        for (InetSocketAddress server : servers.subList(0, Math.min(MAX_SERVERS, servers.size()))) {
            found.add(server.getHostString() + ":" + server.getPort() + ": " + diagnose(server));
        }
        return String.join("; ", found);
    }

    private String diagnose(InetSocketAddress server) {
        if (server.isUnresolved()) {
            return "unknown host";
        }
        if (security.tls()) {
            return tls(server);
        }
        try (Socket s = new Socket()) {
            s.connect(server, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            if (in.read() < 0) {
                return "connects but closes without a word: a TLS-only port? (then use --zookeeper_tls)";
            }
            return "connects and answers; the ZooKeeper session itself is refused (" + authentication() + ")";
        } catch (SocketTimeoutException e) {
            return "connects but does not answer: a TLS-only port? (then use --zookeeper_tls)";
        } catch (IOException e) {
            return plain(e);
        }
    }

    private String tls(InetSocketAddress server) {
        ZKClientConfig config = security.clientConfig();
        SSLContextAndOptions context;
        try (ClientX509Util x = new ClientX509Util()) {
            context = x.createSSLContextAndOptions(config);
        } catch (X509Exception.SSLContextException e) {
            return "TLS cannot start: " + rootMessage(e);
        }
        try (SSLSocket s = context.createSSLSocket()) {
            s.connect(server, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.startHandshake();
            return "TLS handshake succeeds; the ZooKeeper session itself is refused (" + authentication() + ")";
        } catch (SSLHandshakeException e) {
            return "TLS handshake failed: " + handshake(e);
        } catch (SSLException e) {
            return "TLS failed: " + handshake(e);
        } catch (SocketTimeoutException e) {
            return "TLS handshake timed out: is this the server's secureClientPort?";
        } catch (IOException e) {
            return plain(e);
        }
    }

    /** What to check when the server answers but refuses the session. */
    private String authentication() {
        ZooKeeperSecurity.Sasl sasl = security.sasl();
        if (sasl == null) {
            return "authentication? see the log above";
        }
        return "is the SASL login right? check the username and password of login context '" + sasl.context() + "' in "
                + (sasl.jaasFile() == null ? "the JVM's JAAS configuration" : sasl.jaasFile().toString()) + "; see the log above";
    }

    private String handshake(SSLException e) {
        Throwable root = e;
        boolean untrusted = false;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            untrusted |= root instanceof CertPathBuilderException;
        }
        String text = String.valueOf(root.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        String store = security.trustStore() == null ? "the JVM's default truststore" : "--zookeeper_truststore " + security.trustStore().file();
        if (untrusted || lower.contains("pkix path") || lower.contains("unable to find valid certification path")) {
            return "the server's certificate is not signed by a CA in " + store + " (" + text + ")";
        }
        if (root instanceof CertificateException && (lower.contains("subject alternative") || lower.contains("hostname")
                || lower.contains("no name matching") || lower.contains("ip address"))) {
            return "the server's certificate does not name the host connected to (" + text + "); connect by a name it has, or turn"
                    + " hostname verification off with -Dzookeeper.ssl.hostnameVerification=false in JAVA_OPTS";
        }
        if (lower.contains("bad_certificate") || lower.contains("certificate_required") || lower.contains("certificate_unknown")) {
            return "the server refused this client's certificate (" + text + "): "
                    + (security.keyStore() == null ? "it wants one, give --zookeeper_keystore" : "is --zookeeper_keystore signed by a CA the server trusts?");
        }
        if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("plaintext")) {
            return "the server does not speak TLS on this port (" + text + "); connect to its secureClientPort";
        }
        return text;
    }

    private static String plain(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused (no server listening)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + TIMEOUT_MS / 1000 + "s (a firewall?)";
        }
        return e.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The servers of {@code host:port[,host:port...][/chroot]} (port 2181 when none), unresolved names left so. */
    static List<InetSocketAddress> servers(String connectString) {
        String hosts = connectString.contains("/") ? connectString.substring(0, connectString.indexOf('/')) : connectString;
        List<InetSocketAddress> out = new ArrayList<>();
        for (String server : hosts.split(",")) {
            String s = server.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            boolean bracketed = s.startsWith("[") && s.lastIndexOf(']') > colon;
            String host = colon < 0 || bracketed ? s : s.substring(0, colon);
            int port = colon < 0 || bracketed ? 2181 : Integer.parseInt(s.substring(colon + 1));
            host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            out.add(new InetSocketAddress(host, port));
        }
        return out;
    }
}
