package io.zkmon.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels, severity and annotations of a spec. */
class PathSpecTest {

    @Test
    void labelsAndAnnotationsAreSortedUnmodifiableCopiesSharedByEveryGlobMatch() {
        PathSpec glob = PathSpec.builder("/services/*").label("team", "a").label("service", "b").severity(Severity.CRITICAL)
                .annotation("summary", "s").build();
        PathSpec match = glob.withPath("/services/x");

        assertThat(glob.labels().keySet()).containsExactly("service", "team");
        assertThat(match.labels()).isSameAs(glob.labels());
        assertThat(match.annotations()).isSameAs(glob.annotations());
        assertThat(match.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aSpecWithoutLabelsIsAWarningWithTheSharedEmptyMaps() {
        PathSpec spec = PathSpec.builder("/x").build();
        assertThat(spec.severity()).isEqualTo(Severity.WARNING);
        assertThat(spec.labels()).isSameAs(Map.of());
        assertThat(spec.annotations()).isSameAs(Map.of());
    }
}
