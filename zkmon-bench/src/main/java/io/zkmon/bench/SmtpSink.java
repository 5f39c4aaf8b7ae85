package io.zkmon.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A minimal SMTP server on 127.0.0.1 for the alert-latency bench: a real SMTP conversation over TCP (greeting, EHLO or
 * HELO, MAIL, RCPT, DATA, the message, NOOP, RSET, QUIT) that accepts every mail and keeps, for each one, when each
 * command of its conversation arrived ({@link System#nanoTime()}, comparable with the subject JVM's). Each command's
 * reply goes out in one write, so the sink adds no Nagle delay of its own.
 */
final class SmtpSink implements AutoCloseable {

    /** One command of a conversation, or {@code CONNECT} (accepted) and {@code END} (the message's closing dot), and when. */
    record Step(String verb, long nanos) {
    }

    /**
     * One accepted mail.
     *
     * @param connection which connection (1, 2, ... in the order accepted)
     * @param steps      what happened on the connection since the previous mail on it (or since it was accepted), up to
     *                   and including {@code END}
     * @param status     the {@code X-Zkmon-Status} header ({@code firing}, {@code resolved}), or ""
     * @param bytes      the message's size as sent (headers and body, dot-stuffed, line ends included)
     */
    record Mail(int connection, List<Step> steps, String status, long bytes) {
        /** When the server had the whole message (the end of DATA, before its 250 reply). */
        long endNanos() {
            return steps.get(steps.size() - 1).nanos();
        }

        /** Whether this mail came on a connection opened for it. */
        boolean newConnection() {
            return steps.get(0).verb().equals("CONNECT");
        }
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Mail> mails = new ArrayList<>();
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean closeAfterMail;
    private volatile boolean closed;
    private volatile long lastActivityNanos = System.nanoTime();
    private int connections;

    private SmtpSink(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::accept, "smtp-sink-accept");
        acceptor.setDaemon(true);
    }

    /** Starts on a free port of 127.0.0.1. */
    static SmtpSink start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        SmtpSink sink = new SmtpSink(s);
        sink.acceptor.start();
        return sink;
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * When true, the sink closes each connection right after accepting a mail (as a server that drops idle clients
     * would), so every mail needs a new connection; when false (the default) it keeps it open for the client's next mail.
     */
    void closeAfterMail(boolean close) {
        closeAfterMail = close;
    }

    /** Waits for the first mail that satisfies {@code which}; null on timeout. */
    Mail await(Predicate<Mail> which, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (mails) {
            while (true) {
                for (Mail m : mails) {
                    if (which.test(m)) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                mails.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /**
     * Waits until nothing has arrived for {@code quietMillis} (the client's check of a kept connection after a mail,
     * or its closing), so that the next round starts with the client at rest.
     */
    void awaitQuiet(long quietMillis, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long quiet = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        long idle;
        while ((idle = System.nanoTime() - lastActivityNanos) < quiet && System.nanoTime() < deadline) {
            Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(quiet - idle)));
        }
    }

    /** Every mail so far. */
    List<Mail> mails() {
        synchronized (mails) {
            return List.copyOf(mails);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                long at = System.nanoTime();
                lastActivityNanos = at;
                int id;
                synchronized (open) {
                    open.add(s);
                    id = ++connections;
                }
                Thread t = new Thread(() -> converse(s, id, at), "smtp-sink-" + id);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    Bench.log("smtp sink: accept failed: %s", e);
                }
            }
        }
    }

    private void converse(Socket socket, int id, long acceptedNanos) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("CONNECT", acceptedNanos));
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            reply(out, "220 127.0.0.1 zkmon-bench SMTP sink");
            String line;
            while ((line = readLine(in)) != null) {
                long now = System.nanoTime();
                lastActivityNanos = now;
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                steps.add(new Step(verb, now));
                switch (verb) {
                    case "EHLO" -> reply(out, "250-127.0.0.1 hello\r\n250-8BITMIME\r\n250 SIZE 10485760");
                    case "HELO" -> reply(out, "250 127.0.0.1 hello");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        long[] bytes = new long[1];
                        String status = readMessage(in, bytes);
                        if (status == null) {
                            return;
                        }
                        steps.add(new Step("END", System.nanoTime()));
                        synchronized (mails) {
                            mails.add(new Mail(id, List.copyOf(steps), status, bytes[0]));
                            mails.notifyAll();
                        }
                        steps.clear();
                        reply(out, "250 OK queued");
                        if (closeAfterMail) {
                            return;
                        }
                    }
                    default -> reply(out, "502 command not implemented");
                }
            }
        } catch (IOException e) {
            if (!closed) {
                Bench.log("smtp sink: connection %d: %s", id, e);
            }
        } finally {
            synchronized (open) {
                open.remove(socket);
            }
        }
    }

    /**
     * Reads a message up to its closing dot, adding its size to {@code bytes[0]}; returns its X-Zkmon-Status header
     * ("" when it has none), or null at EOF.
     */
    private static String readMessage(InputStream in, long[] bytes) throws IOException {
        String status = "";
        boolean headers = true;
        String line;
        while ((line = readLine(in)) != null) {
            if (line.equals(".")) {
                return status;
            }
            bytes[0] += line.length() + 2;
            if (headers) {
                if (line.isEmpty()) {
                    headers = false;
                } else if (line.regionMatches(true, 0, "X-Zkmon-Status:", 0, 15)) {
                    status = line.substring(15).trim();
                }
            }
        }
        return null;
    }

    /** One line without its CRLF (or LF), or null at EOF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] b = buf.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.UTF_8);
            }
            buf.write(c);
        }
        return null;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
