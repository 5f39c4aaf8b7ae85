package io.zkmon.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zkmon.core.MonitorStatus;
import io.zkmon.core.PathStatus;
import io.zkmon.core.MonitorView;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.dispatch.DispatcherStatus.PathAlert;
import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.PathPattern;
import io.zkmon.core.spec.State;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/paths} (a filtered, paged listing with counts per state) and {@code GET /api/v1/paths/{path}}
 * (one path in full). Both read the monitor's memory and stream the JSON; a listing walks the snapshot twice
 * (count, then write) and allocates nothing per path it skips.
 */
final class PathsEndpoint {

    private final MonitorView monitor;
    private final TransitionLog transitions;
    private final SilenceStore silences;
    private final Clock clock;

    private final RenderCache cache;
    private final java.util.concurrent.atomic.AtomicLong silenceVersion = new java.util.concurrent.atomic.AtomicLong();

    PathsEndpoint(MonitorView monitor, TransitionLog transitions, SilenceStore silences, Clock clock, RenderCache cache) {
        this.monitor = monitor;
        this.cache = cache;
        this.transitions = transitions;
        this.silences = silences;
        this.clock = clock;
        if (silences != null) {
            silences.addListener(silenceVersion::incrementAndGet);
        }
    }

    void list(Call call) throws IOException {
        PathFilter filter = PathFilter.from(call.query());
        // everything the answer depends on: paths, histories, silences (and which of them are still active)
        long generation = monitor.generation();
        long histories = transitions.version();
        long silenced = silenceVersion.get();
        Instant now = clock.instant();
        String tag = generation + ":" + histories + ":" + silenced + ":" + ActiveSilences.count(silences, now);
        call.cachedJson(cache, "paths", tag, call.rawQuery(), g -> writeList(g, filter, ActiveSilences.of(silences, now)));
    }

    private void writeList(JsonGenerator g, PathFilter filter, ActiveSilences active) throws IOException {
        MonitorStatus status = monitor.status();
        List<PathStatus> all = status.paths();
        long[] counts = new long[State.values().length];
        int matched = count(all, filter, counts);
        Map<String, PathAlert> alerts = status.dispatcher().paths();
        {
            g.writeStartObject();
            g.writeNumberField("total", all.size());
            g.writeObjectFieldStart("counts");
            for (State s : State.values()) {
                g.writeNumberField(s.display(), counts[s.ordinal()]);
            }
            g.writeEndObject();
            g.writeNumberField("matched", matched);
            g.writeNumberField("offset", filter.offset());
            g.writeNumberField("limit", filter.limit());
            long next = (long) filter.offset() + filter.limit();
            if (next < matched) {
                g.writeNumberField("next_offset", next);
            } else {
                g.writeNullField("next_offset");
            }
            g.writeArrayFieldStart("paths");
            int seen = 0;
            int written = 0;
            for (PathStatus p : all) {
                if (written >= filter.limit()) {
                    break;
                }
                if (filter.matches(p) && seen++ >= filter.offset()) {
                    PathJson.item(g, p, alerts.get(p.path()), active.until(p.path()), transitions.recent(p.path()));
                    written++;
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Counts the paths matching the text and label per state into {@code counts}; returns how many match the whole filter. */
    private static int count(List<PathStatus> all, PathFilter filter, long[] counts) {
        int matched = 0;
        for (PathStatus p : all) {
            if (filter.matchesTextAndLabel(p)) {
                counts[p.state().ordinal()]++;
                if (filter.states().contains(p.state())) {
                    matched++;
                }
            }
        }
        return matched;
    }

    void one(Call call) throws IOException {
        call.query().allow();
        String path = pathOf(call.rest());
        PathStatus p = monitor.status(path);
        if (p == null) {
            throw ApiException.notFound("path '" + Responses.echo(path) + "' is not watched; GET /api/v1/paths lists the watched "
                    + "paths (a glob's matches are listed one by one)");
        }
        DispatcherStatus dispatcher = monitor.dispatcherStatus();
        Instant now = clock.instant();
        call.json(200, g -> {
            g.writeStartObject();
            PathJson.fields(g, p);
            PathJson.strings(g, "annotations", p.spec().annotations());
            g.writeArrayFieldStart("children");
            for (String child : p.children()) {
                g.writeString(child);
            }
            g.writeEndArray();
            g.writeFieldName("spec");
            SpecJson.write(g, p.spec(), monitor.alerterNames());
            PathJson.transitions(g, transitions.recent(p.path()), true);
            PathJson.alert(g, dispatcher.paths().get(p.path()), p.spec().cancelTimeout());
            g.writeArrayFieldStart("silences");
            if (silences != null) {
                for (Silence s : silences.list()) {
                    if (s.activeAt(now) && s.matches(p.path())) {
                        PathJson.silence(g, s, now);
                    }
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * The znode path in {@code /api/v1/paths/{path}}: {@code services/foo}, {@code %2Fservices%2Ffoo} and
     * {@code services%2Ffoo} all name {@code /services/foo}. Invalid paths ({@code ..}, empty segments, control
     * characters) are a 400.
     */
    static String pathOf(String rawRest) {
        String decoded = UriDecoding.path(rawRest);
        if (decoded.isEmpty()) {
            throw ApiException.notFound("give a path: /api/v1/paths/services/foo; GET /api/v1/paths lists them");
        }
        String path = decoded.startsWith("/") ? decoded : "/" + decoded;
        String problem = PathPattern.problem(path);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
        return path;
    }
}
