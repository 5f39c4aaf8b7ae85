package io.zkmon.core;

import io.zkmon.core.spec.PathPattern;
import io.zkmon.core.spec.PathSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns globs into entries: walks each glob's subtree (listing only where a match could be below) after every
 * (re)connect and for a glob new in a reload, and adds an entry when a matching node appears. A match whose node is
 * deleted is dropped by the {@link EntryUpdater}. The first glob that matches a path gives its spec.
 *
 * <p>Not thread-safe: runs under the engine's lock, where the answers of its listings are delivered too.
 */
final class GlobExpander {

    // the engine's parts log as the engine: the daemon's log reads as it always has
    private static final Logger LOG = LoggerFactory.getLogger(WatchEngine.class);

    /** A configured glob: its pattern over raw paths, and the spec each match gets (with the match's path). */
    record Glob(PathPattern rawPattern, PathSpec spec) {
    }

    private final PathTable table;
    private final OutstandingReads reads;
    private final NodeReader reader;
    private final EntryUpdater updater;
    private final EntryEvaluator evaluator;
    private final String namespace;
    private final BooleanSupplier primed;
    private List<Glob> globs = List.of();

    /**
     * @param namespace the client's namespace, which raw paths carry and shown paths do not
     * @param primed    whether the engine has read every path (a match found later is worth an INFO line)
     */
    GlobExpander(PathTable table, OutstandingReads reads, NodeReader reader, EntryUpdater updater, EntryEvaluator evaluator,
                 String namespace, BooleanSupplier primed) {
        this.table = table;
        this.reads = reads;
        this.reader = reader;
        this.updater = updater;
        this.evaluator = evaluator;
        this.namespace = namespace;
        this.primed = primed;
    }

    /** Replaces the globs. */
    void set(List<Glob> next) {
        globs = List.copyOf(next);
    }

    boolean isEmpty() {
        return globs.isEmpty();
    }

    /** The patterns, for the watch strategy. */
    List<PathPattern> patterns() {
        List<PathPattern> out = new ArrayList<>(globs.size());
        globs.forEach(g -> out.add(g.rawPattern()));
        return out;
    }

    /** The glob texts, to tell later which globs are new. */
    Set<String> texts() {
        Set<String> out = new HashSet<>();
        globs.forEach(g -> out.add(g.rawPattern().glob()));
        return out;
    }

    /** The first glob that matches a raw path, or null. */
    Glob globFor(String raw) {
        for (Glob g : globs) {
            if (g.rawPattern().matches(raw)) {
                return g;
            }
        }
        return null;
    }

    /** Walks every glob's subtree (after a (re)connect). */
    void walkAll() {
        for (Glob g : globs) {
            walk(g, g.rawPattern().literalPrefix());
        }
    }

    /** Walks the globs not among {@code oldTexts}: an old glob's matches are known and kept up by the watch. */
    void walkNew(Set<String> oldTexts) {
        for (Glob g : globs) {
            if (!oldTexts.contains(g.rawPattern().glob())) {
                walk(g, g.rawPattern().literalPrefix());
            }
        }
    }

    /** A node was created: an entry if a glob matches it. */
    void created(String raw) {
        if (!globs.isEmpty() && !table.contains(raw)) {
            addMatch(raw);
        }
    }

    /** A node's children changed, which ones unknown: list it again for every glob that could match below it. */
    void childrenChanged(String raw) {
        for (Glob g : globs) {
            if (g.rawPattern().couldMatchBelow(raw)) {
                walk(g, raw);
            }
        }
    }

    private void walk(Glob g, String rawPath) {
        long ticket = reads.beginListing();
        reader.listChildren(rawPath, (children, error) -> {
            if (!reads.listingAnswered(ticket)) {
                return;
            }
            if (children != null) {
                for (String c : children) {
                    String full = ZkPaths.child(rawPath, c);
                    if (g.rawPattern().matches(full)) {
                        addMatch(full);
                    }
                    if (g.rawPattern().couldMatchBelow(full)) {
                        walk(g, full);
                    }
                }
            } else if (error != null) {
                LOG.warn("Cannot list {} for glob {}: {}", ZkPaths.withoutNamespace(namespace, rawPath), g.spec().path(), error);
            }
        });
    }

    private void addMatch(String raw) {
        if (table.contains(raw)) {
            return;
        }
        Glob g = globFor(raw);
        if (g == null) {
            return;
        }
        PathEntry e = table.addIfAbsent(evaluator.newEntry(raw, g.spec().withPath(ZkPaths.withoutNamespace(namespace, raw)), g.spec().path()));
        table.orderChanged();
        if (primed.getAsBoolean()) {
            LOG.info("Now watching {} (matches {})", e.spec.path(), g.spec().path());
        } else {
            LOG.debug("Now watching {} (matches {})", e.spec.path(), g.spec().path());
        }
        updater.read(List.of(e), false);
    }
}
