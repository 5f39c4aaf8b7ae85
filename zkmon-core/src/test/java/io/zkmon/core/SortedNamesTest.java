package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Child names as sorted arrays that are never changed in place: every change returns a new array, or the same one. */
class SortedNamesTest {

    private static final String[] ABC = {"a", "b", "c"};

    @Test
    void aListBecomesASortedArrayAndAnEmptyOneTheSharedEmptyArray() {
        assertThat(SortedNames.of(List.of("c", "a", "b"))).containsExactly("a", "b", "c");
        assertThat(SortedNames.of(List.of())).isSameAs(PathEntry.NONE);
    }

    @Test
    void containsSearchesTheSortedArray() {
        assertThat(SortedNames.contains(ABC, "b")).isTrue();
        assertThat(SortedNames.contains(ABC, "d")).isFalse();
    }

    @Test
    void insertKeepsTheOrderAndLeavesTheOriginalAlone() {
        String[] original = {"a", "c"};
        String[] next = SortedNames.insert(original, "b");

        assertThat(next).containsExactly("a", "b", "c");
        assertThat(original).containsExactly("a", "c");
        assertThat(SortedNames.insert(new String[0], "x")).containsExactly("x");
        assertThat(SortedNames.insert(original, "z")).containsExactly("a", "c", "z");
    }

    @Test
    void insertingANameThatIsThereReturnsTheSameArray() {
        assertThat(SortedNames.insert(ABC, "b")).isSameAs(ABC);
    }

    @Test
    void deleteLeavesTheOriginalAloneAndTheLastNameGoesToTheSharedEmptyArray() {
        assertThat(SortedNames.delete(ABC, "b")).containsExactly("a", "c");
        assertThat(ABC).containsExactly("a", "b", "c");
        assertThat(SortedNames.delete(new String[] {"a"}, "a")).isSameAs(PathEntry.NONE);
    }

    @Test
    void deletingANameThatIsNotThereReturnsTheSameArray() {
        assertThat(SortedNames.delete(ABC, "x")).isSameAs(ABC);
    }

    @Test
    void keepOnlyReturnsTheSameArrayWhenEveryNameIsAllowed() {
        assertThat(SortedNames.keepOnly(ABC, new String[] {"a", "b", "c", "d"})).isSameAs(ABC);
        assertThat(SortedNames.keepOnly(ABC, new String[] {"a", "c"})).containsExactly("a", "c");
        assertThat(SortedNames.keepOnly(ABC, new String[0])).isEmpty();
    }

    @Test
    void diffNamesWhatCameAndWhatWent() {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();

        SortedNames.diff(new String[] {"a", "b", "d"}, new String[] {"b", "c", "d", "e"}, added, removed);

        assertThat(added).containsExactly("c", "e");
        assertThat(removed).containsExactly("a");
    }

    @Test
    void diffOfEqualArraysFindsNothing() {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        SortedNames.diff(ABC, ABC.clone(), added, removed);
        assertThat(added).isEmpty();
        assertThat(removed).isEmpty();
    }
}
