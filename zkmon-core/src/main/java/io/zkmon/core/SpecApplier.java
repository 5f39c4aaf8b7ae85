package io.zkmon.core;

import io.zkmon.core.spec.PathPattern;
import io.zkmon.core.spec.PathSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a configuration's specs to the engine's state, at start and on every reload: globs go to the
 * {@link GlobExpander}, each concrete path gets an entry, an entry whose path is still configured (by name or by a
 * glob) is kept, judged again if its spec changed but reads the same, and re-created if it reads differently;
 * every other entry is dropped. It reads nothing; the engine reads what is new.
 *
 * <p>Runs under the engine's lock.
 */
final class SpecApplier {

    /**
     * What a configuration needs beyond its entries.
     *
     * @param targets  what the watch strategy must watch
     * @param ageRules whether some spec has a {@code data_max_age} rule, so ages need sweeping
     */
    record Applied(WatchStrategy.Targets targets, boolean ageRules) {
    }

    private final PathTable table;
    private final GlobExpander globs;
    private final EntryEvaluator evaluator;
    private final String namespace;

    SpecApplier(PathTable table, GlobExpander globs, EntryEvaluator evaluator, String namespace) {
        this.table = table;
        this.globs = globs;
        this.evaluator = evaluator;
        this.namespace = namespace;
    }

    Applied apply(List<PathSpec> specs) {
        Map<String, PathSpec> concrete = new HashMap<>();
        List<GlobExpander.Glob> nextGlobs = new ArrayList<>();
        boolean ageRules = false;
        for (PathSpec s : specs) {
            String raw = ZkPaths.withNamespace(namespace, s.path());
            if (s.isGlob()) {
                nextGlobs.add(new GlobExpander.Glob(PathPattern.compile(raw), s));
            } else {
                concrete.put(raw, s);
            }
            ageRules |= EntryEvaluator.hasAgeRule(s);
        }
        globs.set(nextGlobs);
        for (PathEntry e : List.copyOf(table.entries())) {
            PathSpec keep = concrete.get(e.rawPath);
            if (keep == null && e.glob != null) {
                GlobExpander.Glob g = globs.globFor(e.rawPath);
                keep = g == null ? null : g.spec().withPath(e.spec.path());
            }
            if (keep == null) {
                table.remove(e.rawPath);
            } else if (!keep.equals(e.spec)) {
                boolean sameReads = keep.needsData() == e.spec.needsData() && Objects.equals(keep.childFilter(), e.spec.childFilter());
                if (sameReads) {
                    evaluator.respec(e, keep);
                } else {
                    table.remove(e.rawPath); // re-created below and read afresh
                }
            }
        }
        long now = evaluator.now();
        for (Map.Entry<String, PathSpec> c : concrete.entrySet()) {
            table.computeIfAbsent(c.getKey(), raw -> evaluator.newEntry(raw, c.getValue(), null, now));
        }
        table.republishOrder();
        return new Applied(new WatchStrategy.Targets(table.rawPaths(), globs.patterns()), ageRules);
    }
}
