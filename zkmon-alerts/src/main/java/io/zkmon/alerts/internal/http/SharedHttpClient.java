package io.zkmon.alerts.internal.http;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * One {@link HttpClient} shared by every alerter a provider creates (a config with an inline {@code slack:} on 500
 * paths makes 500 alerters, which must not mean 500 selector threads). Created on the first request, never at config
 * load; released when the last alerter using it closes, and created again if one sends after that (a reload).
 * A provider owns one; nothing here is static. Internal to zkmon-alerts.
 */
public final class SharedHttpClient {

    /** Requests have their own, usually shorter, timeout; this only bounds a connect. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private HttpClient client;
    private int users;

    /** An empty holder: no client, no thread. */
    public SharedHttpClient() {
    }

    /** The client, created if needed; pair every call with {@link #release()}. */
    synchronized HttpClient acquire() {
        if (client == null) {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1);
            ProxySelector proxies = ProxySelector.getDefault();
            if (proxies != null) {
                b.proxy(proxies);
            }
            client = b.build();
        }
        users++;
        return client;
    }

    /** One user fewer; the last one out drops the client (and closes it on Java 21+). */
    void release() {
        HttpClient done = null;
        synchronized (this) {
            if (users > 0 && --users == 0) {
                done = client;
                client = null;
            }
        }
        // Java 21+ clients are AutoCloseable; on 17 the client's threads end once it is unreachable.
        if (done instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing useful to do while closing
            }
        }
    }

    /** Whether a client exists right now (for tests and status). */
    public synchronized boolean isOpen() {
        return client != null;
    }
}
