package io.zkmon.core;

import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;

/**
 * Path statuses for core's own tests outside this package (the dispatcher's): only the monitor makes them, so their
 * constructor is package-private.
 */
public final class PathStatuses {

    private PathStatuses() {
    }

    /** A status of an existing node with these children, unchanged since the epoch. */
    public static PathStatus of(PathSpec spec, Compliance compliance, String... children) {
        return new PathStatus(spec, compliance, true, children.clone(), 0, 0);
    }
}
