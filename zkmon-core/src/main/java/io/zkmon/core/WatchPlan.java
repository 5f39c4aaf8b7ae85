package io.zkmon.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Chooses where to put persistent recursive watches: one per path, except that paths sharing a parent (other than
 * the root) share one watch on that parent, and a glob is watched at its literal prefix. A watch covered by a
 * watch on an ancestor is dropped. Fewer watches mean fewer requests at start and less memory in the client.
 */
final class WatchPlan {

    private WatchPlan() {
    }

    static List<String> roots(Collection<String> paths, Collection<String> globPrefixes) {
        Map<String, Integer> siblings = new HashMap<>();
        for (String p : paths) {
            siblings.merge(ZkPaths.parent(p), 1, Integer::sum);
        }
        TreeSet<String> candidates = new TreeSet<>(globPrefixes);
        for (String p : paths) {
            String parent = ZkPaths.parent(p);
            candidates.add(!parent.equals("/") && siblings.get(parent) >= 2 ? parent : p);
        }
        java.util.Set<String> all = new java.util.HashSet<>(candidates);
        List<String> roots = new ArrayList<>();
        for (String c : candidates) {
            if (!coveredByAncestor(c, all)) {
                roots.add(c);
            }
        }
        return roots;
    }

    private static boolean coveredByAncestor(String path, java.util.Set<String> roots) {
        String p = path;
        while (!p.equals("/")) {
            p = ZkPaths.parent(p);
            if (roots.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
