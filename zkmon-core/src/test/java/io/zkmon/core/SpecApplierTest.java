package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.DataRegexRule;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Applying a (re)loaded config to the engine's table: concrete paths get entries, globs go to the expander, an entry
 * still configured is kept (judged again when its spec changed but reads the same, re-created when it reads
 * differently), every other entry is dropped; nothing is read here.
 */
class SpecApplierTest extends HandWiredEngine {

    private final SpecApplier applier = new SpecApplier(table, globs, evaluator, "");

    @Test
    void everyConcretePathGetsAnUnknownEntryInTheSortedOrderAndNothingIsRead() {
        SpecApplier.Applied applied = applier.apply(List.of(spec("/b", ChildrenRule.atLeast(1)), spec("/a", ChildrenRule.atLeast(1))));

        assertThat(table.sorted()).extracting(e -> e.spec.path()).containsExactly("/a", "/b");
        assertThat(table.get("/a").status.state()).isEqualTo(State.UNKNOWN);
        assertThat(applied.targets().paths()).containsExactlyInAnyOrder("/a", "/b");
        assertThat(applied.targets().globs()).isEmpty();
        assertThat(zk.idle()).isTrue();
    }

    @Test
    void globsGoToTheExpanderAndToTheTargetsWithoutEntriesOfTheirOwn() {
        SpecApplier.Applied applied = applier.apply(List.of(spec("/svc/*/instances", ChildrenRule.atLeast(1))));

        assertThat(table.size()).isZero();
        assertThat(applied.targets().globs()).extracting(p -> p.glob()).containsExactly("/svc/*/instances");
        assertThat(globs.globFor("/svc/a/instances")).isNotNull();
    }

    @Test
    void ageRulesAreReportedSoThatTheSweepRuns() {
        assertThat(applier.apply(List.of(spec("/a", ChildrenRule.atLeast(1)))).ageRules()).isFalse();
        assertThat(applier.apply(List.of(spec("/a", new DataMaxAgeRule(Duration.ofMinutes(1))))).ageRules()).isTrue();
    }

    @Test
    void anUnchangedPathKeepsItsEntry() {
        applier.apply(List.of(spec("/a", ChildrenRule.atLeast(1))));
        PathEntry before = table.get("/a");

        applier.apply(List.of(spec("/a", ChildrenRule.atLeast(1)), spec("/b", ChildrenRule.atLeast(1))));

        assertThat(table.get("/a")).isSameAs(before);
    }

    @Test
    void aPathNoLongerConfiguredIsDropped() {
        applier.apply(List.of(spec("/a", ChildrenRule.atLeast(1)), spec("/b", ChildrenRule.atLeast(1))));

        SpecApplier.Applied applied = applier.apply(List.of(spec("/b", ChildrenRule.atLeast(1))));

        assertThat(table.contains("/a")).isFalse();
        assertThat(applied.targets().paths()).containsExactly("/b");
        assertThat(table.sorted()).extracting(e -> e.spec.path()).containsExactly("/b");
    }

    @Test
    void aChangedSpecThatReadsTheSameIsJudgedAgainOnTheSameEntry() {
        evaluator.markConnected();
        applier.apply(List.of(spec("/a", ChildrenRule.atLeast(1))));
        PathEntry before = table.get("/a");
        evaluator.evaluate(before, true, new String[] {"x"}, List.of("x"), List.of());
        assertThat(before.status.state()).isEqualTo(State.OK);

        applier.apply(List.of(spec("/a", ChildrenRule.atLeast(2))));

        assertThat(table.get("/a")).isSameAs(before);
        assertThat(before.status.state()).as("judged at once, without a read").isEqualTo(State.ERROR);
        assertThat(zk.idle()).isTrue();
    }

    @Test
    void aChangedSpecThatReadsDifferentlyGetsAFreshEntryToBeReadAgain() {
        evaluator.markConnected();
        applier.apply(List.of(spec("/a", ChildrenRule.atLeast(1))));
        PathEntry before = table.get("/a");
        evaluator.evaluate(before, true, new String[] {"x"}, List.of("x"), List.of());

        applier.apply(List.of(spec("/a", DataRegexRule.of("ok"))));

        PathEntry after = table.get("/a");
        assertThat(after).isNotSameAs(before);
        assertThat(after.status.state()).isEqualTo(State.UNKNOWN);
        assertThat(after.needsData()).isTrue();
    }

    @Test
    void aGlobMatchIsKeptWhileAGlobStillMatchesItAndTakesTheNewSpec() {
        evaluator.markConnected();
        PathSpec glob = spec("/svc/*/instances", ChildrenRule.atLeast(1));
        applier.apply(List.of(glob));
        PathEntry match = table.addIfAbsent(evaluator.newEntry("/svc/a/instances", glob.withPath("/svc/a/instances"), glob.path()));
        evaluator.evaluate(match, true, new String[] {"x"}, List.of("x"), List.of());

        applier.apply(List.of(spec("/svc/*/instances", ChildrenRule.atLeast(2))));
        assertThat(table.get("/svc/a/instances")).isSameAs(match);
        assertThat(match.status.state()).isEqualTo(State.ERROR);
        assertThat(match.spec.path()).isEqualTo("/svc/a/instances");

        applier.apply(List.of(spec("/other", ChildrenRule.atLeast(1))));
        assertThat(table.contains("/svc/a/instances")).isFalse();
    }

    @Test
    void pathsCarryTheClientsNamespaceAsTheServerSeesThem() {
        SpecApplier namespaced = new SpecApplier(table, globs, evaluator, "/tenant");

        SpecApplier.Applied applied = namespaced.apply(List.of(spec("/a", ChildrenRule.atLeast(1))));

        assertThat(applied.targets().paths()).containsExactly("/tenant/a");
        assertThat(table.get("/tenant/a").spec.path()).isEqualTo("/a");
    }
}
