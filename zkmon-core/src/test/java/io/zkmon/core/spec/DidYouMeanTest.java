package io.zkmon.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One "did you mean" rule for config keys, template variables and flags: case ignored, a swap of neighbouring letters
 * is one edit, and at most a third of the typed name may differ (at least 1, at most 3 edits).
 */
class DidYouMeanTest {

    private static final List<String> KEYS = List.of("children", "exists", "data_regex", "cancel_timeout", "repeat_interval");

    @Test
    void aSwapOfNeighbouringLettersCountsOnce() {
        assertThat(DidYouMean.distance("chidlren", "children")).isEqualTo(1);
        assertThat(DidYouMean.distance("ab", "ba")).isEqualTo(1);
        assertThat(DidYouMean.nearest("chidlren", KEYS)).isEqualTo("children");
    }

    @Test
    void plainEditsCountOneEach() {
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }

    @Test
    void caseIsIgnoredAndTheKnownSpellingIsSuggested() {
        assertThat(DidYouMean.nearest("CHILDREN", KEYS)).isEqualTo("children");
        assertThat(DidYouMean.nearest("Exits", KEYS)).isEqualTo("exists");
    }

    @Test
    void aShortNameMayBeOffByOneEditOnly() {
        List<String> known = List.of("to", "cc");
        assertThat(DidYouMean.nearest("tp", known)).isEqualTo("to");
        assertThat(DidYouMean.nearest("xy", known)).isNull();
    }

    @Test
    void aThirdOfTheTypedNameMayDiffer() {
        // "exist" (5 letters) may be 1 edit off; "cancel_timout" (13) 3 edits; never more than 3
        assertThat(DidYouMean.nearest("exist", KEYS)).isEqualTo("exists");
        assertThat(DidYouMean.nearest("exi", KEYS)).isNull();
        assertThat(DidYouMean.nearest("cancl_timot", KEYS)).isEqualTo("cancel_timeout");
        assertThat(DidYouMean.nearest("rpeat_intrvl", KEYS)).as("3 edits").isEqualTo("repeat_interval");
        assertThat(DidYouMean.nearest("rpeat_intrvlx", KEYS)).as("4 edits, though a third of the name is more").isNull();
    }

    @Test
    void nothingKnownMeansNoSuggestion() {
        assertThat(DidYouMean.nearest("children", List.of())).isNull();
    }

    @Test
    void theHintSuggestsOrListsTheValidKeysOnlyWhenAsked() {
        assertThat(DidYouMean.hint("chidren", KEYS, true)).isEqualTo("; did you mean 'children'?");
        assertThat(DidYouMean.hint("zzzzzz", KEYS, true)).isEqualTo("; valid keys: children, exists, data_regex, cancel_timeout, repeat_interval");
        assertThat(DidYouMean.hint("zzzzzz", KEYS, false)).isEmpty();
        assertThat(DidYouMean.hint("zzzzzz", List.of(), true)).isEmpty();
    }
}
