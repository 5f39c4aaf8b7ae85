package io.zkmon.core.spec;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change of a path's compliance (its state, or the message within a state), with the children that came and went
 * since the previous evaluation.
 *
 * @param spec       the path's spec (for a glob, the spec of the concrete path it matched)
 * @param previous   compliance before
 * @param current    compliance now
 * @param childCount number of children now
 * @param added      children that appeared since the previous evaluation
 * @param removed    children that vanished since the previous evaluation
 * @param at         when the change was seen
 */
public record Transition(PathSpec spec, Compliance previous, Compliance current, int childCount, List<String> added,
                         List<String> removed, Instant at) {

    public Transition {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(at, "at");
        added = added == null ? List.of() : List.copyOf(added);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }

    /** The path. */
    public String path() {
        return spec.path();
    }

    /** True when the state changed (not only the message). */
    public boolean stateChanged() {
        return previous.state() != current.state();
    }

    /** The new state. */
    public State state() {
        return current.state();
    }
}
