package io.zkmon.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    @Test
    void matchesLikeTheGlobsItIsMadeOf() {
        assertThat(PathPattern.compile("/a/*x*y").matches("/a/1x2y")).isTrue();
        assertThat(PathPattern.compile("/a/*x*y").matches("/a/1x2y3")).isFalse();
        assertThat(PathPattern.compile("/a/*").matches("/a")).isFalse();
        assertThat(PathPattern.compile("/a/*").matches("/a/b/c")).isFalse();
        assertThat(PathPattern.compile("/**/x").matches("/x")).isTrue();
        assertThat(PathPattern.compile("/**/x/**").matches("/p/x/q/r")).isTrue();
        assertThat(PathPattern.compile("/**/x/**").matches("/p/x")).isFalse();
        assertThat(PathPattern.compile("/a/**/b/**/c").matches("/a/b/b/c/c")).isTrue();
        assertThat(PathPattern.compile("/a/b").matches("/a/b")).isTrue();
        assertThat(PathPattern.compile("/").matches("/")).isTrue();
    }

    /** Silences come from the HTTP API and from ZooKeeper: a glob made to backtrack must still answer at once. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aGlobMadeToBacktrackAnswersInLinearTime() {
        String hostile = "/" + "*a".repeat(40) + "*b";
        String path = "/" + "a".repeat(5_000);
        assertThat(PathPattern.compile(hostile).matches(path)).isFalse();
        String deep = "/**/a".repeat(30) + "/**/b";
        assertThat(PathPattern.compile(deep).matches("/a".repeat(500))).isFalse();
    }
}
