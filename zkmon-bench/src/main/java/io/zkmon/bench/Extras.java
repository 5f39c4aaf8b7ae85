package io.zkmon.bench;

import io.zkmon.http.HttpServer;

/**
 * Optional parts of a subject run, from flags after the first three arguments: {@code --http} serves zkmon's HTTP
 * interface on an ephemeral port (reported as {@code http=<port>} on the PRIMED line); {@code --webhook URL} gives
 * every path a webhook alerter; {@code --email HOST:PORT} gives every path an email alerter sending through that SMTP
 * server; {@code --min N} sets the spec's minimum number of children (default 1); {@code --description BYTES} gives every
 * path a {@code description} annotation of about that size (a long runbook text, which every alert carries).
 */
final class Extras implements AutoCloseable {

    final boolean http;
    final String webhook;
    final String email;
    final int min;
    final int description;
    private HttpServer server;

    private Extras(boolean http, String webhook, String email, int min, int description) {
        this.http = http;
        this.webhook = webhook;
        this.email = email;
        this.min = min;
        this.description = description;
    }

    static Extras parse(String[] args) {
        boolean http = false;
        String webhook = null;
        String email = null;
        int min = 1;
        int description = 0;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--http" -> http = true;
                case "--webhook" -> webhook = args[++i];
                case "--email" -> email = args[++i];
                case "--min" -> min = Integer.parseInt(args[++i]);
                case "--description" -> description = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown subject option " + args[i]);
            }
        }
        return new Extras(http, webhook, email, min, description);
    }

    /** Starts the extras once the subject is primed; returns text appended to the PRIMED line. */
    String start(Impl subject) {
        if (http && subject instanceof ZkmonImpl z) {
            server = HttpServer.builder().monitor(z.monitor()).bind("127.0.0.1").port(0).build().start();
            return " http=" + server.port();
        }
        return "";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
