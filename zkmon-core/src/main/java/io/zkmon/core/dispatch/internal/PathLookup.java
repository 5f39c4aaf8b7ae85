package io.zkmon.core.dispatch;

import io.zkmon.core.PathStatus;

/** Lets a dispatcher ask the engine what it knows of a path now (used when it takes over from another agent). */
public interface PathLookup {

    /** Nothing known: every path unknown. */
    PathLookup NONE = path -> null;

    /** The path's current status, or null when it is not watched (or not known yet). */
    PathStatus status(String path);

    /** True once every watched path has been read, so a null {@link #status} means "not watched". */
    default boolean primed() {
        return false;
    }
}
