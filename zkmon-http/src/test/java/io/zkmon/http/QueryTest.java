package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void decodesNamesAndValuesAndKeepsTheFirstOfARepeatedName() {
        Query q = Query.parse("q=a+b%2Fc&state=error&state=ok&flag");

        assertThat(q.get("q")).isEqualTo("a b/c");
        assertThat(q.get("state")).isEqualTo("error");
        assertThat(q.get("flag")).isEmpty();
        assertThat(q.get("missing")).isNull();
    }

    @Test
    void readsFlags() {
        assertThat(Query.parse("pretty").flag("pretty")).isTrue();
        assertThat(Query.parse("pretty=true").flag("pretty")).isTrue();
        assertThat(Query.parse("pretty=false").flag("pretty")).isFalse();
        assertThat(Query.parse("pretty=0").flag("pretty")).isFalse();
        assertThat(Query.parse(null).flag("pretty")).isFalse();
    }

    @Test
    void refusesNamesTheEndpointDoesNotTakeButAlwaysTakesPretty() {
        assertThat(Query.parse("state=ok&pretty").allow("state").get("state")).isEqualTo("ok");
        assertThatThrownBy(() -> Query.parse("sate=ok").allow("state", "q"))
                .isInstanceOf(ApiException.class)
                .hasMessage("unknown query parameter 'sate'; this endpoint takes pretty, q, state");
        assertThatThrownBy(() -> Query.parse("x=1").allow()).hasMessage("unknown query parameter 'x'; this endpoint takes pretty");
    }

    @Test
    void readsNonNegativeNumbers() {
        Query q = Query.parse("limit=10&offset=-1&page=two");

        assertThat(q.nonNegative("limit", 5)).isEqualTo(10);
        assertThat(q.nonNegative("absent", 5)).isEqualTo(5);
        assertThatThrownBy(() -> q.nonNegative("offset", 0)).hasMessage("'offset' must be a whole number of 0 or more, got '-1'");
        assertThatThrownBy(() -> q.nonNegative("page", 0)).hasMessage("'page' must be a whole number of 0 or more, got 'two'");
    }

    @Test
    void refusesAFloodOfParameters() {
        assertThatThrownBy(() -> Query.parse("a=1&".repeat(40))).hasMessageStartingWith("too many query parameters (40)");
    }
}
