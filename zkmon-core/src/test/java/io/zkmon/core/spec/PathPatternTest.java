package io.zkmon.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathPatternTest {

    @Test
    void aStarMatchesOneSegment() {
        PathPattern p = PathPattern.compile("/services/*/instances");
        assertThat(p.literalPrefix()).isEqualTo("/services");
        assertThat(p.matches("/services/api/instances")).isTrue();
        assertThat(p.matches("/services/api/v2/instances")).isFalse();
        assertThat(p.matches("/services/instances")).isFalse();
        assertThat(p.couldMatchBelow("/services/api")).isTrue();
        assertThat(p.couldMatchBelow("/services/api/instances")).isFalse();
        assertThat(p.couldMatchBelow("/other")).isFalse();
    }

    @Test
    void aStarMayBePartOfASegment() {
        PathPattern p = PathPattern.compile("/brokers/ids-*");
        assertThat(p.matches("/brokers/ids-eu")).isTrue();
        assertThat(p.matches("/brokers/ids")).isFalse();
        assertThat(p.matches("/brokers/ids.x")).isFalse();
        assertThat(PathPattern.compile("/a.b/*").matches("/aXb/c")).as("dots are literal").isFalse();
    }

    @Test
    void aDoubleStarMatchesAnyDepth() {
        PathPattern trailing = PathPattern.compile("/solr/**");
        assertThat(trailing.matches("/solr")).isFalse();
        assertThat(trailing.matches("/solr/live_nodes")).isTrue();
        assertThat(trailing.matches("/solr/a/b/c")).isTrue();
        PathPattern middle = PathPattern.compile("/hbase/**/rs");
        assertThat(middle.matches("/hbase/rs")).isTrue();
        assertThat(middle.matches("/hbase/x/y/rs")).isTrue();
        assertThat(middle.couldMatchBelow("/hbase/x/y")).isTrue();
    }

    @Test
    void rejectsPathsPeopleGetWrong() {
        assertThat(PathPattern.problem("services/foo")).contains("must start with '/'");
        assertThat(PathPattern.problem("/a//b")).contains("empty segment");
        assertThat(PathPattern.problem("/a/")).contains("must not end with '/'");
        assertThat(PathPattern.problem("/a/../b")).contains("'..'");
        assertThat(PathPattern.problem("/a/x**")).contains("whole segment");
        assertThat(PathPattern.problem("/")).isNull();
        assertThat(PathPattern.problem("/ünïcødé/ok")).isNull();
    }
}
