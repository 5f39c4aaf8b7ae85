package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkmon.core.spec.State;
import org.junit.jupiter.api.Test;

class PathFilterTest {

    @Test
    void showsEveryStateAndTheFirstPageByDefault() {
        PathFilter f = PathFilter.from(Query.parse(null));

        assertThat(f.states()).containsExactlyInAnyOrder(State.values());
        assertThat(f.text()).isNull();
        assertThat(f.offset()).isZero();
        assertThat(f.limit()).isEqualTo(PathFilter.DEFAULT_LIMIT).isEqualTo(100);
    }

    @Test
    void takesStatesInAnyCaseCommaSeparated() {
        assertThat(PathFilter.from(Query.parse("state=Error,%20unknown")).states()).containsExactlyInAnyOrder(State.ERROR, State.UNKNOWN);
        assertThat(PathFilter.from(Query.parse("state=OK")).states()).containsExactly(State.OK);
        assertThatThrownBy(() -> PathFilter.from(Query.parse("state=ok,broken")))
                .hasMessage("unknown state 'broken'; use ok, error, unknown (comma-separated)");
    }

    @Test
    void matchesTextAnywhereInThePathIgnoringCase() {
        PathFilter f = PathFilter.from(Query.parse("q=WEB"));

        assertThat(f.matchesText("/services/web/instances")).isTrue();
        assertThat(f.matchesText("/services/Web")).isTrue();
        assertThat(f.matchesText("/services/we")).isFalse();
        assertThat(f.matchesText("/w")).isFalse();
    }

    @Test
    void matchesByStateAndText() {
        PathFilter f = PathFilter.from(Query.parse("state=error&q=api"));

        assertThat(f.matches(State.ERROR, "/services/api")).isTrue();
        assertThat(f.matches(State.OK, "/services/api")).isFalse();
        assertThat(f.matches(State.ERROR, "/services/web")).isFalse();
    }

    @Test
    void takesALabelAsKeyEqualsValueOrAKeyAlone() {
        assertThat(PathFilter.from(Query.parse("label=team%3Dpayments")).label()).isEqualTo(new PathFilter.LabelFilter("team", "payments"));
        assertThat(PathFilter.from(Query.parse("label=team")).label()).isEqualTo(new PathFilter.LabelFilter("team", null));
        assertThat(PathFilter.from(Query.parse("label=")).label()).isNull();
        assertThatThrownBy(() -> PathFilter.from(Query.parse("label=%3Dx"))).hasMessage("'label' must be key=value or key, got '=x'");
    }

    @Test
    void refusesParametersItDoesNotKnow() {
        assertThatThrownBy(() -> PathFilter.from(Query.parse("stat=ok"))).hasMessageStartingWith("unknown query parameter 'stat'");
    }
}
