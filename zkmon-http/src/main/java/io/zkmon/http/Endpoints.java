package io.zkmon.http;

import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import io.zkmon.core.ClusterView;
import io.zkmon.core.MonitorView;

/** The routes of the HTTP interface and the endpoint serving each. */
final class Endpoints {

    private final Settings settings;
    private final Router router;
    private final EventFeed events;
    private volatile ClusterView cluster;

    Endpoints(Settings settings, TransitionLog transitions, ReadinessTracker readiness, ChildActivity children) {
        this.settings = settings;
        MonitorView monitor = settings.monitor();
        Limits limits = settings.limits();
        ResponseMemory memory = new ResponseMemory(limits.responseMemory());
        RenderCache cache = new RenderCache(memory);
        StatusEndpoint status = new StatusEndpoint(monitor, this::cluster, cache, settings.statusFormat());
        HealthEndpoint health = new HealthEndpoint(readiness);
        MetricsEndpoint metrics = new MetricsEndpoint(settings.registry());
        SummaryEndpoint summary = new SummaryEndpoint(monitor, this::cluster, settings.clock(), mutationsEnabled());
        PathsEndpoint paths = new PathsEndpoint(monitor, transitions, settings.silences(), settings.clock(), cache);
        HistoryEndpoint history = new HistoryEndpoint(monitor, transitions, children, settings.clock(), paths::one);
        LabelsEndpoint labels = new LabelsEndpoint(monitor, cache);
        this.events = new EventFeed(monitor, settings.silences(), this::cluster, settings.clock());
        AgentsEndpoint agents = new AgentsEndpoint(monitor.clusterName(), this::cluster);
        SilencesEndpoint silences = new SilencesEndpoint(settings.silences(), settings.token(), settings.clock());
        UiEndpoint ui = new UiEndpoint();
        this.router = new Router(memory, new RequestBodies(limits.maxBody(), limits.bodyDeadline(), limits.concurrentBodies()))
                .ioRoute("GET", "/", status::root)
                .route("GET", "/status", status::status)
                .ioRoute("GET", "/health", health::health)
                .ioRoute("GET", "/ready", health::ready)
                .route("GET", "/metrics", metrics::scrape)
                .route("GET", "/api/v1/summary", summary::summary)
                .route("GET", "/api/v1/paths", paths::list)
                .route("GET", "/api/v1/paths/*", history::route)
                .route("GET", "/api/v1/labels", labels::list)
                .route("GET", "/api/v1/events", events::head)
                .route("GET", "/api/v1/agents", agents::list)
                .route("GET", "/api/v1/silences", silences::list)
                .route("POST", "/api/v1/silences", silences::create)
                .route("GET", "/api/v1/silences/*", silences::one)
                .route("DELETE", "/api/v1/silences/*", silences::delete)
                .route("GET", "/ui", ui::redirect)
                .route("GET", "/ui/*", ui::serve);
    }

    Router router() {
        return router;
    }

    /** The server's handler: the event stream (long-lived, served on the I/O thread), else the router. */
    HttpHandler handler() {
        return exchange -> {
            if (exchange.getRequestMethod().equals(Methods.GET) && exchange.getRelativePath().equals("/api/v1/events")) {
                events.open(exchange);
            } else {
                router.handleRequest(exchange);
            }
        };
    }

    /** Called once the port is known: the default cluster view names it. */
    void bound(int port) {
        cluster = settings.clusterViewOrSingle(port);
    }

    boolean mutationsEnabled() {
        return settings.token().configured();
    }

    private ClusterView cluster() {
        ClusterView c = cluster;
        if (c == null) {
            throw new ApiException(503, "the server is still starting");
        }
        return c;
    }
}
