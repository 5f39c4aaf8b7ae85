package io.zkmon.http;

import io.zkmon.core.ClusterView;
import io.zkmon.core.MonitorView;

/** The routes of the HTTP interface and the endpoint serving each. */
final class Endpoints {

    private final Settings settings;
    private final Router router;
    private volatile ClusterView cluster;

    Endpoints(Settings settings, TransitionLog transitions, ReadinessTracker readiness) {
        this.settings = settings;
        MonitorView monitor = settings.monitor();
        Limits limits = settings.limits();
        ResponseMemory memory = new ResponseMemory(limits.responseMemory());
        RenderCache cache = new RenderCache(memory);
        StatusEndpoint status = new StatusEndpoint(monitor, this::cluster, cache, settings.statusFormat());
        HealthEndpoint health = new HealthEndpoint(readiness);
        MetricsEndpoint metrics = new MetricsEndpoint(settings.registry());
        SummaryEndpoint summary = new SummaryEndpoint(monitor, this::cluster, settings.clock());
        PathsEndpoint paths = new PathsEndpoint(monitor, transitions, settings.silences(), settings.clock(), cache);
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
                .route("GET", "/api/v1/paths/*", paths::one)
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
