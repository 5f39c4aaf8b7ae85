package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Judging an entry and publishing the verdict: nothing is judged while disconnected, a disconnect or a refused server
 * makes every path Unknown at once, a change of compliance is a transition and any other visible change an update,
 * and while a read the entry waits for is in flight only its membership is shown.
 */
class EntryEvaluatorTest extends HandWiredEngine {

    private PathEntry watch(PathSpec spec) {
        PathEntry e = table.addIfAbsent(evaluator.newEntry(spec.path(), spec, null));
        table.orderChanged();
        return e;
    }

    private static String[] names(String... n) {
        return n;
    }

    @Test
    void aNewEntryIsUnknownSayingWhy() {
        PathEntry before = evaluator.newEntry("/a", spec("/a"), null);
        evaluator.markConnected();
        PathEntry after = evaluator.newEntry("/b", spec("/b"), null);

        assertThat(before.status.state()).isEqualTo(State.UNKNOWN);
        assertThat(before.status.compliance().message()).contains("not connected to ZooKeeper yet");
        assertThat(after.status.compliance().message()).isEqualTo("Not read yet");
    }

    @Test
    void nothingIsJudgedWhileDisconnected() {
        PathEntry e = watch(spec("/a", ChildrenRule.atLeast(1)));

        evaluator.evaluate(e, true, names("x"), List.of("x"), List.of());

        assertThat(e.status.state()).isEqualTo(State.UNKNOWN);
        assertThat(heard.transitions).isEmpty();
    }

    @Test
    void aChangeOfComplianceIsATransitionWithWhatCameAndWent() {
        evaluator.markConnected();
        PathEntry e = watch(spec("/a", ChildrenRule.atLeast(2)));

        evaluator.evaluate(e, true, names("x"), List.of("x"), List.of());

        Transition t = heard.last();
        assertThat(t.previous().state()).isEqualTo(State.UNKNOWN);
        assertThat(t.current().state()).isEqualTo(State.ERROR);
        assertThat(t.added()).containsExactly("x");
        assertThat(t.childCount()).isEqualTo(1);
        assertThat(e.status.state()).isEqualTo(State.ERROR);
        assertThat(table.stateCounts()).containsExactly(0, 1, 0);
    }

    @Test
    void aMembershipChangeWithTheSameVerdictIsAnUpdateAndKeepsSince() {
        evaluator.markConnected();
        PathEntry e = watch(spec("/a", ChildrenRule.atLeast(1)));
        evaluator.evaluate(e, true, names("x"), List.of("x"), List.of());
        Instant since = e.status.since();
        heard.clear();
        clock.advance(Duration.ofSeconds(5));

        evaluator.evaluate(e, true, names("x", "y"), List.of("y"), List.of());

        assertThat(heard.transitions).isEmpty();
        assertThat(heard.updates).hasSize(1);
        assertThat(e.status.childCount()).isEqualTo(2);
        assertThat(e.status.since()).isEqualTo(since);
    }

    @Test
    void nothingChangedIsNotPublished() {
        evaluator.markConnected();
        PathEntry e = watch(spec("/a", ChildrenRule.atLeast(1)));
        String[] children = names("x");
        evaluator.evaluate(e, true, children, List.of("x"), List.of());
        heard.clear();
        long generation = table.generation();

        evaluator.evaluate(e, true, children, List.of(), List.of());

        assertThat(heard.transitions).isEmpty();
        assertThat(heard.updates).isEmpty();
        assertThat(table.generation()).isEqualTo(generation);
    }

    @Test
    void whileAReadItWaitsForIsInFlightOnlyTheMembershipIsShownAndWhatCameAndWentIsKept() {
        evaluator.markConnected();
        PathEntry e = watch(spec("/a", ChildrenRule.atLeast(2)));
        evaluator.evaluate(e, true, names("x", "y"), List.of("x", "y"), List.of());
        assertThat(e.status.state()).isEqualTo(State.OK);
        heard.clear();
        long ticket = reads.beginEventRead(e);

        evaluator.evaluate(e, true, names("x"), List.of(), List.of("y"));

        assertThat(e.status.state()).as("the verdict waits").isEqualTo(State.OK);
        assertThat(e.status.childCount()).as("the membership is shown").isEqualTo(1);
        assertThat(heard.transitions).isEmpty();

        reads.eventReadAnswered(ticket, e);
        evaluator.evaluateIfSettled(e);

        assertThat(heard.last().current().state()).isEqualTo(State.ERROR);
        assertThat(heard.last().removed()).containsExactly("y");
        assertThat(e.deferredRemoved).isNull();
    }

    @Test
    void evaluateIfSettledWaitsForEveryDeferringRead() {
        evaluator.markConnected();
        PathEntry e = watch(spec("/a", ChildrenRule.atLeast(1)));
        reads.beginEventRead(e);

        evaluator.evaluateIfSettled(e);

        assertThat(e.status.state()).isEqualTo(State.UNKNOWN);
        assertThat(heard.transitions).isEmpty();
    }

    @Test
    void aDisconnectMakesEveryPathUnknownAtOnceEvenOneAddedAMomentAgo() {
        evaluator.markConnected();
        PathEntry a = watch(spec("/a", ChildrenRule.atLeast(1)));
        evaluator.evaluate(a, true, names("x"), List.of("x"), List.of());
        PathEntry b = watch(spec("/b", ChildrenRule.atLeast(1)));
        evaluator.evaluate(b, true, names("x"), List.of("x"), List.of());
        heard.clear();
        Instant since = clock.now();

        evaluator.disconnected(since);

        assertThat(evaluator.connected()).isFalse();
        assertThat(a.status.state()).isEqualTo(State.UNKNOWN);
        assertThat(b.status.state()).isEqualTo(State.UNKNOWN);
        assertThat(b.status.compliance().message()).contains("disconnected since " + since);
        assertThat(b.status.childCount()).as("the last membership seen is kept").isEqualTo(1);
        assertThat(heard.transitions).hasSize(2);
    }

    @Test
    void aRefusedServerMakesEveryPathUnknownWithTheReason() {
        evaluator.markConnected();
        PathEntry a = watch(spec("/a", ChildrenRule.atLeast(1)));
        evaluator.evaluate(a, true, names("x"), List.of("x"), List.of());

        evaluator.refuse("ZooKeeper 3.3.6 is not supported");

        assertThat(a.status.state()).isEqualTo(State.UNKNOWN);
        assertThat(a.status.compliance().message()).isEqualTo("ZooKeeper 3.3.6 is not supported");
        assertThat(a.status.exists()).isFalse();
        assertThat(heard.last().current().state()).isEqualTo(State.UNKNOWN);
    }

    @Test
    void aChildListThatIsOnlyCountedIsJudgedByItsCount() {
        evaluator.markConnected();
        PathEntry e = watch(spec("/a", ChildrenRule.atLeast(1000)));
        e.countOnly = 200_000;

        evaluator.evaluate(e, true, PathEntry.NONE, List.of(), List.of());

        assertThat(e.status.state()).isEqualTo(State.OK);
        assertThat(e.status.childCount()).isEqualTo(200_000);
    }

    @Test
    void theAgeSweepJudgesAgainOnlyReadPathsWithAnAgeRule() {
        evaluator.markConnected();
        PathEntry aged = watch(spec("/aged", new DataMaxAgeRule(Duration.ofSeconds(10))));
        aged.data = new byte[0];
        aged.mtime = clock.now().toEpochMilli();
        evaluator.evaluate(aged, true, PathEntry.NONE, List.of(), List.of());
        PathEntry unread = watch(spec("/unread", new DataMaxAgeRule(Duration.ofSeconds(10))));
        PathEntry plain = watch(spec("/plain", ChildrenRule.atLeast(0)));
        evaluator.evaluate(plain, true, PathEntry.NONE, List.of(), List.of());
        table.republishOrder();
        assertThat(aged.status.state()).isEqualTo(State.OK);
        heard.clear();

        clock.advance(Duration.ofSeconds(11));
        evaluator.sweepAges();

        assertThat(aged.status.state()).isEqualTo(State.ERROR);
        assertThat(aged.status.compliance().message()).contains("older than");
        assertThat(unread.status.state()).as("not read yet: stays Unknown").isEqualTo(State.UNKNOWN);
        assertThat(heard.transitions).extracting(Transition::path).containsExactly("/aged");
    }

    @Test
    void theAgeSweepLeavesAPathWhoseFullReadIsInFlight() {
        evaluator.markConnected();
        PathEntry aged = watch(spec("/aged", new DataMaxAgeRule(Duration.ofSeconds(10))));
        aged.data = new byte[0];
        aged.mtime = clock.now().toEpochMilli();
        evaluator.evaluate(aged, true, PathEntry.NONE, List.of(), List.of());
        table.republishOrder();
        reads.beginFullRead(aged);

        clock.advance(Duration.ofSeconds(11));
        evaluator.sweepAges();

        assertThat(aged.status.state()).isEqualTo(State.OK);
    }

    @Test
    void aNewSpecThatReadsTheSameIsJudgedAtOnce() {
        evaluator.markConnected();
        PathEntry e = watch(spec("/a", ChildrenRule.atLeast(1)));
        evaluator.evaluate(e, true, names("x"), List.of("x"), List.of());

        evaluator.respec(e, spec("/a", ChildrenRule.atLeast(2)));

        assertThat(e.status.state()).isEqualTo(State.ERROR);
        assertThat(e.status.spec()).isEqualTo(spec("/a", ChildrenRule.atLeast(2)));
    }

    @Test
    void aRemovedEntryLeavesTheTableAndTheListenerIsToldWhy() {
        PathEntry e = watch(spec("/svc/a/instances"));

        evaluator.removeEntry(e, "the node is gone");

        assertThat(table.contains("/svc/a/instances")).isFalse();
        assertThat(heard.removed).containsExactly("/svc/a/instances: the node is gone");
    }

    @Test
    void publishExistsAndPublishChildrenShowFactsButKeepTheVerdict() {
        evaluator.markConnected();
        PathEntry e = watch(spec("/a", ChildrenRule.atLeast(1)));
        evaluator.evaluate(e, true, names("x"), List.of("x"), List.of());

        evaluator.publishChildren(e, names("x", "y"));
        assertThat(e.status.childCount()).isEqualTo(2);
        assertThat(e.status.state()).isEqualTo(State.OK);

        evaluator.publishExists(e, false);
        assertThat(e.status.exists()).isFalse();
        assertThat(e.status.childCount()).isZero();
        assertThat(e.status.state()).isEqualTo(State.OK);
        assertThat(heard.transitions).hasSize(1);
    }
}
