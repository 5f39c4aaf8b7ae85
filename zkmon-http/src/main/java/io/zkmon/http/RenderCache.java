package io.zkmon.http;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rendered documents, so that an unchanged monitor is answered with bytes already rendered (a copy to the socket)
 * rather than a walk over every path.
 *
 * <p>A document is cached under its endpoint, a tag that names everything it depends on (the monitor's generation,
 * ...), and a variant (the query, the shape). Only the newest tag of each endpoint is kept: documents of an older
 * one can never be asked for again. Everything cached counts against the {@link ResponseMemory}; when memory runs
 * short, the least recently used documents go first. A document being rendered is rendered once: whoever asks for
 * the same key meanwhile waits for it instead of rendering it again.
 */
final class RenderCache {

    private final ResponseMemory memory;
    private final Map<String, Body> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, String> newestTag = new HashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> rendering = new ConcurrentHashMap<>();

    RenderCache(ResponseMemory memory) {
        this.memory = memory;
        memory.evictor(this::evictOne);
    }

    /** The most one document may take: half the memory, so that another can be rendered next to it. */
    long maxDocument() {
        return memory.limit() / 2;
    }

    static String key(String endpoint, String tag, String variant) {
        return endpoint + '\n' + tag + '\n' + variant;
    }

    /** The cached document with one more holder (release it when sent), or null. */
    synchronized Body get(String endpoint, String tag, String variant) {
        Body b = entries.get(key(endpoint, tag, variant));
        return b != null && b.retain() ? b : null;
    }

    /**
     * Caches a document for the endpoint's newest tag (the cache becomes one of its holders); the endpoint's
     * documents of any other tag go.
     */
    synchronized void put(String endpoint, String tag, String variant, Body body) {
        String prefix = endpoint + '\n';
        if (!tag.equals(newestTag.put(endpoint, tag))) {
            for (Iterator<Map.Entry<String, Body>> it = entries.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Body> e = it.next();
                if (e.getKey().startsWith(prefix)) {
                    e.getValue().release();
                    it.remove();
                }
            }
        }
        if (body.retain()) {
            Body before = entries.put(key(endpoint, tag, variant), body);
            if (before != null) {
                before.release();
            }
        }
    }

    /** Lets go of the least recently used document; false when there is none. */
    synchronized boolean evictOne() {
        Iterator<Map.Entry<String, Body>> it = entries.entrySet().iterator();
        if (!it.hasNext()) {
            return false;
        }
        Body eldest = it.next().getValue();
        it.remove();
        eldest.release();
        return true;
    }

    /**
     * Claims the rendering of a key: null when the caller should render it (and then call {@link #rendered}), else
     * the rendering already under way, to wait for.
     */
    CompletableFuture<Void> claim(String key, CompletableFuture<Void> mine) {
        return rendering.putIfAbsent(key, mine);
    }

    /** Ends a rendering claimed with {@link #claim}, cached or not; those waiting for it look again. */
    void rendered(String key, CompletableFuture<Void> mine) {
        rendering.remove(key, mine);
        mine.complete(null);
    }

    /** Number of cached documents (for tests). */
    synchronized int size() {
        return entries.size();
    }
}
