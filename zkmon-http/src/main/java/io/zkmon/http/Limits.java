package io.zkmon.http;

import java.time.Duration;

/**
 * What one client may cost the server: how long it may take, how much it may send, how much of the server's memory
 * its answers may hold. The defaults are documented in {@code docs/http.md} ("Limits"); tests shorten them.
 *
 * @param requestHeaders   the most a request may take to send its request line and headers
 * @param idle             how long a connection may do nothing at all before it is closed
 * @param read             how long a read from the client may wait for data
 * @param write            how long a write to the client may wait for it to take data
 * @param bodyDeadline     the most a request body may take to arrive, from its first byte to its last
 * @param maxBody          the most a request body may have
 * @param maxEntity        past this many bytes a request body is not even read: the connection is closed
 * @param maxHeaderBytes   the most the request line and headers may have
 * @param concurrentBodies how many request bodies may be being received at once
 * @param responseMemory   the most the server's rendered answers may hold in memory ({@link ResponseMemory})
 * @param shutdown         how long {@link HttpServer#close()} waits for requests in progress
 */
record Limits(Duration requestHeaders, Duration idle, Duration read, Duration write, Duration bodyDeadline, int maxBody,
              long maxEntity, int maxHeaderBytes, int concurrentBodies, long responseMemory, Duration shutdown) {

    /** The defaults. */
    static Limits defaults() {
        return new Limits(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 64 * 1024, 1024 * 1024, 64 * 1024, 64, ResponseMemory.defaultLimit(), Duration.ofSeconds(1));
    }

    /** These limits with another write timeout. */
    Limits withWrite(Duration d) {
        return new Limits(requestHeaders, idle, read, d, bodyDeadline, maxBody, maxEntity, maxHeaderBytes, concurrentBodies,
                responseMemory, shutdown);
    }

    /** These limits with another bound on response memory. */
    Limits withResponseMemory(long bytes) {
        return new Limits(requestHeaders, idle, read, write, bodyDeadline, maxBody, maxEntity, maxHeaderBytes, concurrentBodies,
                bytes, shutdown);
    }

    static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
