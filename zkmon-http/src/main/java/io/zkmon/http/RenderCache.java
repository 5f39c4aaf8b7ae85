package io.zkmon.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rendered answers by key, where the key names everything the answer depends on (the route, the query, the
 * monitor's generation, ...): an unchanged monitor is served from bytes already rendered, so answering costs a copy
 * to the socket rather than a walk over every path. Small and least-recently-used.
 */
final class RenderCache {

    private static final int ENTRIES = 32;

    private final Map<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > ENTRIES;
        }
    };

    synchronized byte[] get(String key) {
        return entries.get(key);
    }

    synchronized void put(String key, byte[] body) {
        entries.put(key, body);
    }
}
