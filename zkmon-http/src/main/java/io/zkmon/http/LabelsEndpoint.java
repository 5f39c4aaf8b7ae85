package io.zkmon.http;

import io.zkmon.core.MonitorView;
import io.zkmon.core.PathStatus;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/labels}: the labels the watched paths' specs carry, each with its values, for a filter to offer.
 * Rendered once per generation of the monitor; at most {@link #MAX_KEYS} names and {@link #MAX_VALUES} values per
 * name are listed ({@code truncated} says when some were left out).
 */
final class LabelsEndpoint {

    static final int MAX_KEYS = 100;
    static final int MAX_VALUES = 200;

    private final MonitorView monitor;
    private final RenderCache cache;

    LabelsEndpoint(MonitorView monitor, RenderCache cache) {
        this.monitor = monitor;
        this.cache = cache;
    }

    void list(Call call) throws IOException {
        call.query().allow();
        call.cachedJson(cache, "labels", Long.toString(monitor.generation()), "", g -> {
            Map<String, Set<String>> labels = new TreeMap<>();
            boolean truncated = false;
            // the matches of one glob share their spec's label map: look at each map once
            Map<Map<String, String>, Boolean> seen = new IdentityHashMap<>();
            for (PathStatus p : monitor.status().paths()) {
                Map<String, String> m = p.spec().labels();
                if (m.isEmpty() || seen.put(m, Boolean.TRUE) != null) {
                    continue;
                }
                for (Map.Entry<String, String> e : m.entrySet()) {
                    Set<String> values = labels.get(e.getKey());
                    if (values == null) {
                        if (labels.size() >= MAX_KEYS) {
                            truncated = true;
                            continue;
                        }
                        values = new TreeSet<>();
                        labels.put(e.getKey(), values);
                    }
                    if (values.size() < MAX_VALUES || values.contains(e.getValue())) {
                        values.add(e.getValue());
                    } else {
                        truncated = true;
                    }
                }
            }
            g.writeStartObject();
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, Set<String>> e : labels.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (String v : e.getValue()) {
                    g.writeString(v);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeBooleanField("truncated", truncated);
            g.writeEndObject();
        });
    }
}
