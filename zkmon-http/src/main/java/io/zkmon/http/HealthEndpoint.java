package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * {@code GET /health}: 200 while the process serves requests (liveness). {@code GET /ready}: 200 once the
 * monitor is connected to ZooKeeper and has read every path, else 503 whose {@code message} says why (readiness).
 */
final class HealthEndpoint {

    private final ReadinessTracker readiness;

    HealthEndpoint(ReadinessTracker readiness) {
        this.readiness = readiness;
    }

    void health(Call call) throws IOException {
        call.query().allow();
        call.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("status", "up");
            g.writeEndObject();
        });
    }

    void ready(Call call) throws IOException {
        call.query().allow();
        ReadinessTracker.Readiness r = readiness.current();
        call.json(r.ready() ? 200 : 503, g -> {
            g.writeStartObject();
            if (!r.ready()) {
                // shaped like every other error, so a client needs one way to read them
                g.writeNumberField("status", 503);
                g.writeStringField("error", "Service Unavailable");
                g.writeStringField("message", r.reason());
            }
            g.writeBooleanField("ready", r.ready());
            g.writeBooleanField("connected", r.connected());
            g.writeBooleanField("primed", r.primed());
            Responses.instant(g, "since", r.since());
            g.writeEndObject();
        });
    }
}
