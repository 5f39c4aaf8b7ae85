package io.zkmon.core.dispatch.internal;

import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;

/** Lets the dispatcher ask the engine what it sees of a path now (used when it takes over from another agent). */
public interface PathLookup {

    /** Nothing known: every path unknown. */
    PathLookup NONE = path -> null;

    /** What is seen of the path now, or null when it is not watched (or not known yet). */
    Observed observe(String path);

    /** True once every watched path has been read, so a null {@link #observe} means "not watched". */
    default boolean primed() {
        return false;
    }

    /**
     * What the engine sees of one path.
     *
     * @param spec       the path's spec
     * @param compliance its compliance now
     * @param childCount its number of children now
     */
    record Observed(PathSpec spec, Compliance compliance, int childCount) {
    }
}
