package io.zkmon.alerts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain SMTP relay in front of a real server (GreenMail) that refuses chosen recipients, as a greylisting
 * (451, once) or a strict (550, always) mail server would. Every other command, the mail itself included, is passed
 * to the real server and its replies back. It remembers the commands it saw.
 */
public final class RefusingSmtpFront implements AutoCloseable {

    private final ServerSocket server;
    private final int backendPort;
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> remaining = new ConcurrentHashMap<>();
    private final java.util.List<String> commands = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "refusing-smtp-front");
        t.setDaemon(true);
        return t;
    });

    private RefusingSmtpFront(int backendPort) throws IOException {
        this.backendPort = backendPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public static RefusingSmtpFront start(int backendPort) throws IOException {
        return new RefusingSmtpFront(backendPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Answers {@code RCPT TO} for this address with {@code reply} the next {@code times} times. */
    public RefusingSmtpFront refuse(String address, String reply, int times) {
        refusals.put(address.toLowerCase(Locale.ROOT), reply);
        remaining.put(address.toLowerCase(Locale.ROOT), new AtomicInteger(times));
        return this;
    }

    /** Every command line the clients sent (not the mails' text), in order. */
    public java.util.List<String> commands() {
        return java.util.List.copyOf(commands);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            InputStream fromClient = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            InputStream fromBackend = backend.getInputStream();
            OutputStream toBackend = backend.getOutputStream();
            write(toClient, readReply(fromBackend));
            String line;
            while ((line = readLine(fromClient)) != null) {
                commands.add(line);
                String refusal = refusalFor(line);
                if (refusal != null) {
                    write(toClient, refusal + "\r\n");
                    continue;
                }
                write(toBackend, line + "\r\n");
                String reply = readReply(fromBackend);
                write(toClient, reply);
                if (line.equalsIgnoreCase("DATA") && reply.startsWith("354")) {
                    String data;
                    do {
                        data = readLine(fromClient);
                        write(toBackend, data + "\r\n");
                    } while (data != null && !data.equals("."));
                    write(toClient, readReply(fromBackend));
                } else if (line.equalsIgnoreCase("QUIT")) {
                    return;
                }
            }
        } catch (IOException | NullPointerException e) {
            // one side went away
        }
    }

    private String refusalFor(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("RCPT TO:")) {
            return null;
        }
        int lt = line.indexOf('<');
        int gt = line.indexOf('>');
        String address = lt >= 0 && gt > lt ? line.substring(lt + 1, gt).toLowerCase(Locale.ROOT) : "";
        AtomicInteger left = remaining.get(address);
        if (left == null || left.getAndDecrement() <= 0) {
            return null;
        }
        return refusals.get(address);
    }

    /** One SMTP reply, multi-line ones included, with line ends. */
    private static String readReply(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        String line;
        do {
            line = readLine(in);
            if (line == null) {
                throw new IOException("server closed");
            }
            sb.append(line).append("\r\n");
        } while (line.length() > 3 && line.charAt(3) == '-');
        return sb.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
