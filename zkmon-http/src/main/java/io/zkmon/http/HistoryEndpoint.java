package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zkmon.core.MonitorView;
import io.zkmon.core.PathStatus;
import java.io.IOException;
import java.time.Clock;

/**
 * {@code GET /api/v1/paths/{path}/history}: what happened to one path since this server started: its recent state
 * changes, the children that last came and went, and its child count minute by minute over the last hours (what the
 * dashboard draws). Read from memory kept by {@link TransitionLog} and {@link ChildActivity}.
 *
 * <p>A znode may itself be named {@code history}. {@code /api/v1/paths/a/history} is the path {@code /a/history}
 * when that is watched, else the history of {@code /a}; with the path percent-encoded as one segment
 * ({@code /api/v1/paths/%2Fa/history}, as the dashboard sends it) it is always the history.
 */
final class HistoryEndpoint {

    private static final String SUFFIX = "/history";

    private final MonitorView monitor;
    private final TransitionLog transitions;
    private final ChildActivity activity;
    private final Clock clock;
    private final Router.Endpoint onePath;

    HistoryEndpoint(MonitorView monitor, TransitionLog transitions, ChildActivity activity, Clock clock, Router.Endpoint onePath) {
        this.monitor = monitor;
        this.transitions = transitions;
        this.activity = activity;
        this.clock = clock;
        this.onePath = onePath;
    }

    /** Everything under {@code /api/v1/paths/}: a history, or else one path. */
    void route(Call call) throws Exception {
        String rest = call.rest();
        if (rest.endsWith(SUFFIX)) {
            String target = rest.substring(0, rest.length() - SUFFIX.length());
            boolean encodedAsOne = !target.isEmpty() && target.indexOf('/') < 0;
            if (encodedAsOne || monitor.status(PathsEndpoint.pathOf(rest)) == null) {
                history(call, PathsEndpoint.pathOf(target));
                return;
            }
        }
        onePath.handle(call);
    }

    private void history(Call call, String path) throws IOException {
        call.query().allow();
        PathStatus p = monitor.status(path);
        if (p == null) {
            throw ApiException.notFound("path '" + Responses.echo(path) + "' is not watched; GET /api/v1/paths lists the watched "
                    + "paths (a glob's matches are listed one by one)");
        }
        long now = clock.millis();
        ChildActivity.Snapshot s = activity.snapshot(path, now);
        long windowStart = (CountSeries.minute(now) - CountSeries.WINDOW_MINUTES + 1) * CountSeries.MINUTE_MS;
        call.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("path", path);
            Responses.instant(g, "now", now);
            g.writeStringField("state", p.state().display());
            g.writeNumberField("child_count", p.childCount());
            change(g, "last_added", s.lastAdded());
            change(g, "last_removed", s.lastRemoved());
            g.writeObjectFieldStart("child_counts");
            g.writeNumberField("window_minutes", CountSeries.WINDOW_MINUTES);
            Responses.instant(g, "from", Math.max(windowStart, s.knownSince()));
            g.writeNumberField("before", s.before() >= 0 ? s.before() : p.childCount());
            g.writeArrayFieldStart("points");
            for (CountSeries.Point pt : s.points()) {
                g.writeStartObject();
                Responses.instant(g, "at", pt.atMillis());
                g.writeNumberField("min", pt.min());
                g.writeNumberField("max", pt.max());
                g.writeNumberField("last", pt.last());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            PathJson.transitions(g, transitions.recent(path), true);
            g.writeEndObject();
        });
    }

    private static void change(JsonGenerator g, String field, ChildActivity.Change c) throws IOException {
        if (c == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeArrayFieldStart("names");
        for (String n : c.names()) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeNumberField("count", c.count());
        Responses.instant(g, "at", c.atMillis());
        g.writeEndObject();
    }
}
