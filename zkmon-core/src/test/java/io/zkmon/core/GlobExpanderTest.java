package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.FakeReader.Node;
import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.PathPattern;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Globs into entries, with listings answered by hand. */
class GlobExpanderTest extends HandWiredEngine {

    private static final PathSpec INSTANCES = new PathSpec("/svc/*/instances", List.of(ChildrenRule.atLeast(1)), Duration.ZERO,
            Duration.ZERO, List.of());

    GlobExpanderTest() {
        globs.set(List.of(new GlobExpander.Glob(PathPattern.compile(INSTANCES.path()), INSTANCES)));
        evaluator.markConnected();
        reads.newEpoch();
    }

    @Test
    void aWalkListsOnlyWhereAMatchCanBeAndReadsEachMatch() {
        globs.walkAll();
        zk.nextListing("/svc").callback().listed(List.of("a", "b"), null);
        zk.nextListing("/svc/a").callback().listed(List.of("instances", "config"), null);
        zk.nextListing("/svc/b").callback().listed(List.of(), null);
        assertThat(zk.listings).as("nothing below a match or a non-match can match").isEmpty();

        FakeReader.NodesRequest read = zk.nextNodes();
        assertThat(read.paths()).containsExactly("/svc/a/instances");
        assertThat(table.get("/svc/a/instances").spec.path()).isEqualTo("/svc/a/instances");
        assertThat(reads.passSettled()).isFalse();

        read.answer(Map.of("/svc/a/instances", Node.withChildren("1")));
        assertThat(table.get("/svc/a/instances").status.state()).isEqualTo(State.OK);
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void aNodeCreatedLaterThatMatchesBecomesAnEntry() {
        globs.created("/svc/new/instances");
        globs.created("/svc/new/other");
        assertThat(table.rawPaths()).containsExactly("/svc/new/instances");
        assertThat(zk.nextNodes().paths()).containsExactly("/svc/new/instances");
    }

    @Test
    void aChangeOfChildrenTheStrategyCannotNameIsListedAgain() {
        globs.childrenChanged("/svc");
        globs.childrenChanged("/other");
        zk.nextListing("/svc").callback().listed(List.of("c"), null);
        zk.nextListing("/svc/c").callback().listed(List.of("instances"), null);
        assertThat(zk.listings).isEmpty();
        assertThat(table.rawPaths()).containsExactly("/svc/c/instances");
    }

    @Test
    void aListingThatFailsOrComesTooLateStillSettlesThePass() {
        globs.walkAll();
        FakeReader.ListRequest stale = zk.nextListing("/svc");
        reads.newEpoch(); // reconnected
        globs.walkAll();
        zk.nextListing("/svc").callback().listed(null, "NOAUTH");
        assertThat(reads.passSettled()).isTrue();

        stale.callback().listed(List.of("a"), null);
        assertThat(zk.listings).isEmpty();
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void onlyGlobsNewInAReloadAreWalked() {
        Set<String> old = globs.texts();
        PathSpec leaders = new PathSpec("/svc/*/leader", List.of(), Duration.ZERO, Duration.ZERO, List.of());
        globs.set(List.of(new GlobExpander.Glob(PathPattern.compile(INSTANCES.path()), INSTANCES),
                new GlobExpander.Glob(PathPattern.compile(leaders.path()), leaders)));

        globs.walkNew(old);
        assertThat(zk.listings).extracting(FakeReader.ListRequest::path).containsExactly("/svc");
        assertThat(globs.patterns()).extracting(PathPattern::glob).containsExactly("/svc/*/instances", "/svc/*/leader");
    }
}
