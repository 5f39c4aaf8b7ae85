package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The comparison of two sorted child lists; the listener as a whole is tested against a real monitor in HistoryIT. */
class ChildActivityTest {

    @Test
    void tellsWhichNamesCameAndWent() {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();

        int[] counts = ChildActivity.diff(List.of("a", "b", "d"), List.of("b", "c", "d", "e"), added, removed);

        assertThat(counts).containsExactly(2, 1);
        assertThat(added).containsExactly("c", "e");
        assertThat(removed).containsExactly("a");
    }

    @Test
    void keepsAFewNamesOfAMassChangeButCountsThemAll() {
        List<String> before = IntStream.range(0, 500).mapToObj(i -> String.format("i-%03d", i)).toList();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();

        int[] counts = ChildActivity.diff(before, List.of(), added, removed);

        assertThat(counts).containsExactly(0, 500);
        assertThat(removed).hasSize(ChildActivity.MAX_NAMES).startsWith("i-000");
        assertThat(added).isEmpty();
    }

    @Test
    void findsNothingBetweenEqualLists() {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();

        assertThat(ChildActivity.diff(List.of("a", "b"), List.of("a", "b"), added, removed)).containsExactly(0, 0);
        assertThat(ChildActivity.diff(List.of(), List.of(), added, removed)).containsExactly(0, 0);
        assertThat(added).isEmpty();
        assertThat(removed).isEmpty();
    }
}
