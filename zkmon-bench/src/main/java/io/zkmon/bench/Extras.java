package io.zkmon.bench;

import io.zkmon.http.HttpServer;

/**
 * Optional parts of a subject run, from flags after the first three arguments: {@code --http} serves zkmon's HTTP
 * interface on an ephemeral port (reported as {@code http=<port>} on the PRIMED line); {@code --webhook URL} gives
 * every path a webhook alerter; {@code --min N} sets the spec's minimum number of children (default 1).
 */
final class Extras implements AutoCloseable {

    final boolean http;
    final String webhook;
    final int min;
    private HttpServer server;

    private Extras(boolean http, String webhook, int min) {
        this.http = http;
        this.webhook = webhook;
        this.min = min;
    }

    static Extras parse(String[] args) {
        boolean http = false;
        String webhook = null;
        int min = 1;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--http" -> http = true;
                case "--webhook" -> webhook = args[++i];
                case "--min" -> min = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown subject option " + args[i]);
            }
        }
        return new Extras(http, webhook, min);
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
