package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's published model: entries, state counts, the sorted order and the generation readers cache by. */
class PathTableTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final PathTable table = new PathTable(clock, this);

    private static PathEntry entry(String path) {
        PathSpec spec = new PathSpec(path, List.of(ChildrenRule.atLeast(1)), Duration.ZERO, Duration.ZERO, List.of());
        return new PathEntry(path, spec, null, new PathStatus(spec, Compliance.unknown("Not read yet"), false, PathEntry.NONE, 0, 0));
    }

    private static PathStatus withState(PathEntry e, Compliance c) {
        return new PathStatus(e.spec, c, true, PathEntry.NONE, 0, 0);
    }

    private static List<String> order(PathTable t) {
        return java.util.Arrays.stream(t.sorted()).map(e -> e.spec.path()).toList();
    }

    @Test
    void addingAPathThatIsThereKeepsTheEntryAlreadyThere() {
        PathEntry first = table.addIfAbsent(entry("/a"));
        PathEntry again = table.addIfAbsent(entry("/a"));

        assertThat(again).isSameAs(first);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.stateCounts()).containsExactly(0, 0, 1);
    }

    @Test
    void computeIfAbsentMakesAnEntryOnlyWhenThereIsNone() {
        PathEntry made = table.computeIfAbsent("/a", PathTableTest::entry);
        PathEntry kept = table.computeIfAbsent("/a", raw -> {
            throw new AssertionError("made twice");
        });

        assertThat(kept).isSameAs(made);
        assertThat(table.stateCounts()).containsExactly(0, 0, 1);
    }

    @Test
    void stateCountsFollowPublishedStatusesAndRemovals() {
        PathEntry a = table.addIfAbsent(entry("/a"));
        PathEntry b = table.addIfAbsent(entry("/b"));

        table.publish(a, withState(a, Compliance.OK));
        table.publish(b, withState(b, Compliance.error("Found children (0) less than minimum (1)")));
        assertThat(table.stateCounts()).containsExactly(1, 1, 0);

        table.publish(b, withState(b, Compliance.OK));
        assertThat(table.stateCounts()).containsExactly(2, 0, 0);

        table.remove("/a");
        assertThat(table.stateCounts()).containsExactly(1, 0, 0);
        assertThat(table.remove("/a")).isNull();
        assertThat(table.stateCounts()).containsExactly(1, 0, 0);
    }

    @Test
    void everyVisibleChangeMovesTheGeneration() {
        PathEntry a = table.addIfAbsent(entry("/a"));
        long g0 = table.generation();

        table.publish(a, withState(a, Compliance.OK));
        long g1 = table.generation();
        table.bump();
        long g2 = table.generation();
        table.republishOrder();

        assertThat(g1).isGreaterThan(g0);
        assertThat(g2).isGreaterThan(g1);
        assertThat(table.generation()).isGreaterThan(g2);
    }

    @Test
    void theSortedOrderFollowsABurstOfNewPathsOnceAfterAShortDelay() {
        table.addIfAbsent(entry("/c"));
        table.orderChanged();
        table.addIfAbsent(entry("/a"));
        table.orderChanged();
        table.addIfAbsent(entry("/b"));
        table.orderChanged();
        assertThat(table.sorted()).isEmpty();

        long before = table.generation();
        clock.advance(Duration.ofMillis(50));

        assertThat(order(table)).containsExactly("/a", "/b", "/c");
        assertThat(table.generation()).isEqualTo(before + 1);
    }

    @Test
    void republishIfDirtySortsOnlyWhenPathsCameOrWent() {
        table.addIfAbsent(entry("/b"));
        table.republishOrderIfDirty();
        assertThat(table.sorted()).isEmpty();

        table.addIfAbsent(entry("/a"));
        table.orderChanged();
        table.republishOrderIfDirty();
        assertThat(order(table)).containsExactly("/a", "/b");

        long after = table.generation();
        clock.advance(Duration.ofSeconds(1));
        assertThat(table.generation()).as("the timer found nothing left to sort").isEqualTo(after);
    }

    @Test
    void aClosedTableSortsNoMore() {
        table.addIfAbsent(entry("/a"));
        table.orderChanged();
        table.close();
        clock.advance(Duration.ofSeconds(1));
        assertThat(table.sorted()).isEmpty();

        table.orderChanged();
        clock.advance(Duration.ofSeconds(1));
        assertThat(table.sorted()).isEmpty();
    }

    @Test
    void anEntryDroppedOrReplacedIsNoLongerCurrent() {
        PathEntry old = table.addIfAbsent(entry("/a"));
        assertThat(table.isCurrent(old)).isTrue();

        table.remove("/a");
        PathEntry replacement = table.addIfAbsent(entry("/a"));

        assertThat(table.isCurrent(old)).isFalse();
        assertThat(table.isCurrent(replacement)).isTrue();
        assertThat(table.contains("/a")).isTrue();
    }

    @Test
    void statusesAreAViewOfOneMomentThatLaterChangesDoNotMove() {
        PathEntry a = table.addIfAbsent(entry("/a"));
        table.republishOrder();
        List<PathStatus> seen = table.statuses();

        table.addIfAbsent(entry("/b"));
        table.republishOrder();

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).state()).isEqualTo(State.UNKNOWN);
        assertThat(table.statuses()).hasSize(2);
        assertThat(a.status).isSameAs(seen.get(0));
    }

    @Test
    void aSnapshotIsACopy() {
        table.addIfAbsent(entry("/a"));
        var copy = table.snapshot();
        table.remove("/a");

        assertThat(copy).containsOnlyKeys("/a");
        assertThat(table.rawPaths()).isEmpty();
    }
}
