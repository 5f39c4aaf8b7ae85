package io.zkmon.bench;

/** Optional parts of a subject run (an HTTP server, an alerter), by flags after the first three arguments. */
final class Extras implements AutoCloseable {

    static Extras parse(String[] args) {
        return new Extras();
    }

    /** Starts the extras once the subject is primed; returns text appended to the PRIMED line. */
    String start(Impl subject) {
        return "";
    }

    @Override
    public void close() {
    }
}
