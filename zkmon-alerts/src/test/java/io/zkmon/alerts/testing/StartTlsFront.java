package io.zkmon.alerts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The STARTTLS part of an SMTP server, in front of a real one. GreenMail 2.1 speaks plain SMTP and SMTPS but not
 * STARTTLS, so this front greets, answers EHLO offering STARTTLS, performs a real TLS handshake (with GreenMail's
 * self-signed certificate) on {@code STARTTLS}, and from then on relays the encrypted conversation, decrypted, to
 * GreenMail (whose own greeting it swallows). Everything after the upgrade (EHLO, AUTH, MAIL, RCPT, DATA) is
 * answered by GreenMail. Refuses any mail command sent before the upgrade, as a server requiring TLS would.
 */
public final class StartTlsFront implements AutoCloseable {

    private final ServerSocket server;
    private final int backendPort;
    private final boolean offerStartTls;
    private final SSLContext tls;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "starttls-front");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger upgraded = new AtomicInteger();
    private final AtomicInteger refusedInPlain = new AtomicInteger();

    private StartTlsFront(int backendPort, boolean offerStartTls) throws Exception {
        this.backendPort = backendPort;
        this.offerStartTls = offerStartTls;
        this.tls = greenMailTls();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /**
     * @param backendPort   the plain SMTP port of the real server behind
     * @param offerStartTls false to play a server without STARTTLS
     */
    public static StartTlsFront start(int backendPort, boolean offerStartTls) throws Exception {
        return new StartTlsFront(backendPort, offerStartTls);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Conversations upgraded to TLS so far. */
    public int upgraded() {
        return upgraded.get();
    }

    /** Mail commands refused because they came before STARTTLS. */
    public int refusedInPlain() {
        return refusedInPlain.get();
    }

    private static SSLContext greenMailTls() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = StartTlsFront.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            if (in == null) {
                throw new IllegalStateException("greenmail.p12 is not on the test classpath");
            }
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> converse(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 starttls-front ESMTP\r\n");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String cmd = line.toUpperCase(Locale.ROOT);
                if (cmd.startsWith("EHLO")) {
                    write(out, offerStartTls ? "250-starttls-front\r\n250 STARTTLS\r\n" : "250 starttls-front\r\n");
                } else if (cmd.startsWith("HELO")) {
                    write(out, "250 starttls-front\r\n");
                } else if (cmd.equals("STARTTLS") && offerStartTls) {
                    write(out, "220 2.0.0 Ready to start TLS\r\n");
                    relayOverTls(client);
                    return;
                } else if (cmd.equals("QUIT")) {
                    write(out, "221 2.0.0 Bye\r\n");
                    return;
                } else if (cmd.equals("NOOP") || cmd.equals("RSET")) {
                    write(out, "250 OK\r\n");
                } else {
                    refusedInPlain.incrementAndGet();
                    write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void relayOverTls(Socket client) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), false);
        secure.setUseClientMode(false);
        secure.startHandshake();
        upgraded.incrementAndGet();
        try (secure; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            InputStream fromBackend = backend.getInputStream();
            readReply(fromBackend); // GreenMail's greeting: the client already had ours
            Thread up = new Thread(() -> pipe(safeIn(secure), safeOut(backend)), "starttls-front-up");
            up.setDaemon(true);
            up.start();
            pipe(fromBackend, secure.getOutputStream());
        }
    }

    private static InputStream safeIn(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutputStream safeOut(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pipe(InputStream in, OutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** Reads one SMTP reply, multi-line ones included ({@code 220-...} lines, then {@code 220 ...}). */
    private static void readReply(InputStream in) throws IOException {
        String line;
        do {
            line = readLine(in);
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
    }

    /** Reads a CRLF-terminated line byte by byte: nothing past it may be consumed before the TLS handshake. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return null;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
