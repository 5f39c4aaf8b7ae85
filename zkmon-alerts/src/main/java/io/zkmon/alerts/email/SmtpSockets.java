package io.zkmon.alerts.email;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import javax.net.SocketFactory;

/**
 * How the email backend opens its SMTP connections (Jakarta Mail takes the factory as {@code mail.smtp.socketFactory},
 * for plain SMTP, STARTTLS and SMTPS alike: TLS is layered over the socket it returns) and what it calls itself in
 * {@code EHLO}.
 *
 * <p>Nagle's algorithm is off ({@code TCP_NODELAY}): Jakarta Mail writes a message through an 8 KiB buffer, so a mail
 * larger than that leaves in several writes without a reply in between, and Nagle holds the second until the server
 * acknowledges the first, which a server waiting for the rest delays by its delayed-ACK timer (measured: 43 ms more
 * per mail above 8 KiB against a local server, on every mail).
 */
final class SmtpSockets extends SocketFactory {

    /** The one factory: it holds no state. */
    static final SmtpSockets NO_DELAY = new SmtpSockets();

    private SmtpSockets() {
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        if (remote.isUnresolved()) {
            throw new UnknownHostException(remote.getHostString());
        }
        Socket s = createSocket();
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * The name for {@code EHLO}: this host's canonical name, as Jakarta Mail would choose it, but looked up once per
     * alerter instead of on every new connection. The JDK keeps the local host's address for 5 s and the canonical
     * name only with that address, so after a quiet spell each new connection paid a reverse DNS lookup (a round
     * trip, or a timeout where reverse DNS is broken) before it could say EHLO. An address literal
     * ({@code [10.1.2.3]}, {@code [IPv6:fe80::1]}) when there is no name, as RFC 5321 wants it; null when this host
     * has no address, leaving Jakarta Mail to name the connection's own address.
     */
    static String ehloName() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            return ehloName(local.getCanonicalHostName(), local);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** {@code name}, or an address literal when the lookup gave back only the address. */
    static String ehloName(String name, InetAddress address) {
        if (name != null && !name.isBlank() && !name.equals(address.getHostAddress())) {
            return name;
        }
        String literal = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int scope = literal.indexOf('%'); // a zone id has no place in a literal
            return "[IPv6:" + (scope >= 0 ? literal.substring(0, scope) : literal) + "]";
        }
        return "[" + literal + "]";
    }
}
