package io.zkmon.http;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import org.xnio.Options;
import io.zkmon.core.MonitorView;
import io.zkmon.core.dispatch.SilenceStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * zkmon's HTTP interface: the old daemon's {@code /status}, health and readiness probes, Prometheus metrics, a JSON
 * API with silences, and a dashboard at {@code /ui/}. Every answer comes from the monitor's memory, read through
 * its {@link MonitorView}; no request reads ZooKeeper. The only thing it changes is the silence store it is given.
 *
 * <pre>{@code
 * try (HttpServer http = HttpServer.builder()
 *         .monitor(monitor)                // a ZkMonitor, or any MonitorView
 *         .silences(silenceStore)          // the store the monitor's dispatcher uses
 *         .apiToken(System.getenv("ZKMON_API_TOKEN"))
 *         .port(8080)
 *         .build()
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} only checks the settings; {@link #start()} registers the server's listener on the
 * monitor, binds the port and returns; {@link #close()} stops serving and frees the port. The monitor, the silence
 * store and a registry passed in are not closed.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Settings settings;
    private final TransitionLog transitions = new TransitionLog(TransitionLog.DEFAULT_CAPACITY);
    private final ChildActivity children;
    private final ReadinessTracker readiness;
    private final PrometheusRegistry registry;
    private ZkmonCollector collector;
    private Undertow undertow;
    private int boundPort = -1;
    private boolean started;
    private boolean closed;

    private HttpServer(Settings settings) {
        this.settings = settings;
        this.readiness = new ReadinessTracker(settings.clock());
        this.registry = settings.registry();
        this.children = new ChildActivity(settings.monitor(), settings.clock(), ChildActivity.DEFAULT_BUDGET);
    }

    /** Starts building a server. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving; returns at once.
     *
     * @return this server
     * @throws IllegalStateException when the port cannot be bound (in use, no permission, unknown address), the
     *                               registry already holds zkmon's metrics, or the server was closed; a server that
     *                               failed to start is closed
     */
    public synchronized HttpServer start() {
        if (closed) {
            throw new IllegalStateException("this HTTP server is closed (or failed to start); build a new one");
        }
        if (started) {
            return this;
        }
        MonitorView monitor = settings.monitor();
        collector = new ZkmonCollector(monitor, transitions, false, settings.reloads(), null);
        try {
            collector.registerIn(registry);
        } catch (IllegalArgumentException e) {
            closed = true;
            throw new IllegalStateException("the metrics registry already has zkmon's metrics (is another HTTP server using it?): "
                    + e.getMessage(), e);
        }
        JvmMetrics.builder().register(registry);
        monitor.addListener(transitions);
        monitor.addListener(readiness);
        monitor.addListener(children);
        readiness.initialize(monitor.status());
        children.initialize(monitor.status().paths());

        Limits limits = settings.limits();
        Endpoints endpoints = new Endpoints(settings, transitions, readiness, children);
        Undertow server = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setIoThreads(1)
                .setWorkerThreads(8)
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
                // a slow or silent client costs a connection for a bounded time, never a worker thread for ever
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, Limits.millis(limits.requestHeaders()))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, Limits.millis(limits.idle()))
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, Limits.millis(limits.idle()))
                .setSocketOption(Options.READ_TIMEOUT, Limits.millis(limits.read()))
                .setSocketOption(Options.WRITE_TIMEOUT, Limits.millis(limits.write()))
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, limits.maxEntity())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, Limits.millis(limits.shutdown()))
                .setHandler(endpoints.handler())
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            stopQuietly(server);
            close();
            throw new IllegalStateException("cannot serve HTTP on " + settings.host() + ":" + settings.port() + ": " + rootMessage(e), e);
        }
        undertow = server;
        started = true;
        boundPort = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        endpoints.bound(boundPort);
        LOG.info("Serving HTTP on {}:{} (dashboard at /ui/, mutations {})", settings.host(), boundPort,
                endpoints.mutationsEnabled() ? "need the API token" : "disabled: no API token");
        return this;
    }

    private static void stopQuietly(Undertow server) {
        try {
            server.stop(); // releases the worker threads of a half-started server
        } catch (RuntimeException e) {
            LOG.debug("Stopping a server that failed to start: {}", e.toString());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** The port the server listens on (the ephemeral one chosen when built with port 0). */
    public synchronized int port() {
        if (boundPort < 0) {
            throw new IllegalStateException("the HTTP server is not started");
        }
        return boundPort;
    }

    /** The address the server binds to, as configured. */
    public String host() {
        return settings.host();
    }

    /** Stops serving and frees the port (closing open event streams); forgets the histories. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
        if (collector != null) {
            collector.close();
        }
        settings.monitor().removeListener(transitions);
        settings.monitor().removeListener(readiness);
        settings.monitor().removeListener(children);
        transitions.close();
        children.close();
    }

    /** Builds an {@link HttpServer}. Only the monitor is required. */
    public static final class Builder {
        private MonitorView monitor;
        private SilenceStore silences;
        private String apiToken;
        private String host = "0.0.0.0";
        private int port = 8080;
        private PrometheusRegistry registry;
        private Clock clock = Clock.systemUTC();
        private StatusFormat statusFormat = StatusFormat.ZKMON;
        private ConfigReloads reloads;
        private Limits limits = Limits.defaults();

        private Builder() {
        }

        /**
         * The monitor to serve (required): a {@link io.zkmon.core.ZkMonitor}, or any other view of one. The server
         * only reads it (the cluster it belongs to included: {@link MonitorView#cluster()}, or this agent alone);
         * its listeners are added when the server starts and removed when it closes.
         */
        public Builder monitor(MonitorView monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * The silence store the monitor's dispatcher uses, for {@code /api/v1/silences}. Without one those endpoints
         * answer 501: a store of the server's own would silence nothing.
         */
        public Builder silences(SilenceStore store) {
            this.silences = Objects.requireNonNull(store, "silences");
            return this;
        }

        /** The token that mutations must present as {@code Authorization: Bearer <token>}; null or blank disables them. */
        public Builder apiToken(String token) {
            this.apiToken = token;
            return this;
        }

        /** The address to listen on (default {@code 0.0.0.0}, every interface). */
        public Builder bind(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port (default 8080); 0 picks a free one, see {@link HttpServer#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where to register zkmon's and the JVM's metrics (default: a registry of the server's own). */
        public Builder registry(PrometheusRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The clock for silences and ages (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The shape of {@code /status} when the request does not ask for one with {@code ?format=} (default
         * {@link StatusFormat#ZKMON}; the daemon's {@code --status_format}).
         */
        public Builder statusFormat(StatusFormat format) {
            this.statusFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Config (re)loads to export as {@code zkmon_config_last_reload_*} (default: those series are left out). */
        public Builder configReloads(ConfigReloads reloads) {
            this.reloads = Objects.requireNonNull(reloads, "reloads");
            return this;
        }

        /** Timeouts and sizes (tests shorten them). */
        Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Checks the settings; does no I/O.
         *
         * @throws IllegalStateException    when no monitor was given
         * @throws IllegalArgumentException when the port or address is invalid
         */
        public HttpServer build() {
            if (monitor == null) {
                throw new IllegalStateException("give the HTTP server the monitor to serve: HttpServer.builder().monitor(monitor)");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            if (host.isBlank()) {
                throw new IllegalArgumentException("the bind address must not be blank; use 0.0.0.0 for every interface");
            }
            // times in responses have millisecond precision, like the monitor's own
            Clock millis = Clock.tick(clock, Duration.ofMillis(1));
            return new HttpServer(new Settings(monitor, silences, BearerToken.of(apiToken), host, port,
                    registry != null ? registry : new PrometheusRegistry(), millis, statusFormat, reloads, limits));
        }
    }
}
