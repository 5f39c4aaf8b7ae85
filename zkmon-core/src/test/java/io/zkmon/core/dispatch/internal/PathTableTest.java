package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paths the dispatcher keeps state for: a path needs state from its first transition out of spec on, and keeps
 * needing it, so transitions of paths that never left spec cost nothing and a later one cannot race with the first.
 */
class PathTableTest {

    private final PathTable table = new PathTable();

    private static Transition to(String path, Compliance c) {
        PathSpec spec = new PathSpec(path, List.of(ChildrenRule.atLeast(1)), Duration.ZERO, Duration.ZERO, List.of());
        return new Transition(spec, Compliance.unknown("Not read yet"), c, 0, List.of(), List.of(), Instant.EPOCH);
    }

    @Test
    void aPathThatNeverLeftSpecIsNotWanted() {
        assertThat(table.wants(to("/a", Compliance.OK))).isFalse();
        assertThat(table.wants(to("/a", Compliance.unknown("disconnected")))).isFalse();
        assertThat(table.knows("/a")).isFalse();
    }

    @Test
    void aPathOutOfSpecIsWantedAndStaysWantedWhenItRecovers() {
        assertThat(table.wants(to("/a", Compliance.error("Found children (0) less than minimum (1)")))).isTrue();
        assertThat(table.knows("/a")).isTrue();

        assertThat(table.wants(to("/a", Compliance.OK))).isTrue();
        assertThat(table.wants(to("/a", Compliance.unknown("disconnected")))).isTrue();
    }

    @Test
    void trackingMakesStateOnceAndMarksThePathKnown() {
        Tracked first = table.track("/a");

        assertThat(table.track("/a")).isSameAs(first);
        assertThat(table.get("/a")).isSameAs(first);
        assertThat(table.knows("/a")).isTrue();
        assertThat(table.wants(to("/a", Compliance.OK))).isTrue();
    }

    @Test
    void aRemovedPathLosesItsStateButStaysKnown() {
        table.track("/a");

        table.remove("/a");

        assertThat(table.get("/a")).isNull();
        assertThat(table.all()).isEmpty();
        assertThat(table.knows("/a")).as("a late transition still reaches the dispatcher").isTrue();
    }

    @Test
    void aSnapshotMayBeIteratedWhileTheTableChanges() {
        table.track("/a");
        table.track("/b");

        for (Tracked t : table.snapshot()) {
            table.remove(t.path);
        }

        assertThat(table.all()).isEmpty();
    }
}
