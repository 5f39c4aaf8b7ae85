package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.FakeReader.Node;
import io.zkmon.core.WatchStrategy.Change;
import io.zkmon.core.spec.ChildrenRule;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.DataMaxAgeRule;
import io.zkmon.core.spec.DataRegexRule;
import io.zkmon.core.spec.ExistsRule;
import io.zkmon.core.spec.JsonMatcher;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The engine's state machine driven by hand: events in, read answers back when and in what order the test says.
 * No ZooKeeper, no threads.
 */
class EntryUpdaterTest extends HandWiredEngine {

    private static final JsonMatcher ENABLED = new JsonMatcher(Map.of("enabled", true));
    private static final String ON = "{\"enabled\": true}";
    private static final String OFF = "{\"enabled\": false}";

    private PathEntry watch(PathSpec spec) {
        PathEntry e = table.addIfAbsent(evaluator.newEntry(spec.path(), spec, null));
        table.republishOrder();
        return e;
    }

    private PathEntry watchMatch(String path, PathSpec glob) {
        PathEntry e = table.addIfAbsent(evaluator.newEntry(path, glob.withPath(path), glob.path()));
        table.republishOrder();
        return e;
    }

    /** Connects (or reconnects) and sends the full read of every entry, not answered yet. */
    private FakeReader.NodesRequest connect() {
        evaluator.markConnected();
        reads.newEpoch();
        updater.read(table.entries(), false);
        return zk.nextNodes();
    }

    private PathStatus status(String path) {
        return table.get(path).status;
    }

    // ---- full reads ----

    @Test
    void aPathIsJudgedWhenItsFullReadIsBack() {
        watch(spec("/svc", ChildrenRule.atLeast(2)));

        FakeReader.NodesRequest read = connect();
        assertThat(status("/svc").state()).isEqualTo(State.UNKNOWN);
        assertThat(reads.passSettled()).isFalse();

        read.answer(Map.of("/svc", Node.withChildren("b", "a")));
        assertThat(heard.last().current()).isEqualTo(Compliance.OK);
        assertThat(heard.last().added()).containsExactly("a", "b");
        assertThat(status("/svc").children()).containsExactly("a", "b");
        assertThat(reads.passSettled()).isTrue();
        assertThat(table.stateCounts()).containsExactly(1, 0, 0);
    }

    @Test
    void eventsOfAPathWhoseFullReadIsInFlightAreAlreadyInItsAnswer() {
        watch(spec("/svc", ChildrenRule.atLeast(2)));
        FakeReader.NodesRequest read = connect();

        updater.changed("/svc/c", Change.CREATED);
        updater.changed("/svc", Change.DATA_CHANGED);
        assertThat(heard.transitions).isEmpty();
        assertThat(status("/svc").children()).isEmpty();
        assertThat(zk.idle()).isTrue();

        read.answer(Map.of("/svc", Node.withChildren("b", "c")));
        assertThat(heard.transitions).singleElement().satisfies(t -> assertThat(t.added()).containsExactly("b", "c"));
    }

    @Test
    void aNodeThatCannotBeReadIsUnknownWithTheReason() {
        watch(spec("/secret", ChildrenRule.atLeast(1)));

        connect().answer(Map.of("/secret", Node.unreadable("NOAUTH")));
        assertThat(status("/secret").compliance()).isEqualTo(Compliance.unknown("Cannot read the node: NOAUTH"));
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void aChangeOfChildrenTheStrategyCannotNameIsReadAgain() {
        watch(spec("/svc", ChildrenRule.atLeast(2)));
        connect().answer(Map.of("/svc", Node.withChildren("a")));

        updater.changed("/svc", Change.CHILDREN_CHANGED);
        zk.nextNodes().answer(Map.of("/svc", Node.withChildren("a", "b")));
        assertThat(heard.last().current()).isEqualTo(Compliance.OK);
        assertThat(heard.last().added()).containsExactly("b");
    }

    @Test
    void aFullReadThatFailsForAnotherReasonIsTriedAgainThenUnknownAndThePassSettles() {
        watch(spec("/svc", ChildrenRule.atLeast(1)));
        FakeReader.NodesRequest read = connect();

        read.failed("UNIMPLEMENTED", false);
        assertThat(reads.passSettled()).as("not primed while the read is tried again").isFalse();
        clock.advance(Duration.ofSeconds(1));
        zk.nextNodes().answer(Map.of("/svc", Node.withChildren("a")));
        assertThat(status("/svc").state()).isEqualTo(State.OK);
        assertThat(reads.passSettled()).isTrue();

        updater.changed("/svc", Change.CHILDREN_CHANGED);
        for (int attempt = 1; attempt < EntryUpdater.READ_ATTEMPTS; attempt++) {
            zk.nextNodes().failed("MARSHALLINGERROR", false);
            clock.advance(Duration.ofSeconds(1L << (attempt - 1)));
        }
        zk.nextNodes().failed("MARSHALLINGERROR", false);
        assertThat(status("/svc").state()).isEqualTo(State.UNKNOWN);
        assertThat(status("/svc").message()).startsWith("Cannot read the node: MARSHALLINGERROR (5 attempts failed");
        assertThat(zk.idle()).isTrue();
    }

    @Test
    void aFullReadLostWithTheConnectionIsNotTriedAgain() {
        watch(spec("/svc", ChildrenRule.atLeast(1)));
        connect().failed("CONNECTIONLOSS", true);
        clock.advance(Duration.ofMinutes(1));
        assertThat(zk.idle()).as("the reconnect reads it").isTrue();
        assertThat(status("/svc").state()).isEqualTo(State.UNKNOWN);
    }

    @Test
    void aDataReadLostWithTheConnectionIsNotADeletedNode() {
        watch(spec("/cfg", new DataRegexRule(Pattern.compile("^ok$"))));
        connect().answer(Map.of("/cfg", Node.withChildren().data("ok", 1)));
        heard.clear();

        updater.changed("/cfg", Change.DATA_CHANGED);
        zk.nextData("/cfg").failed("CONNECTIONLOSS");
        assertThat(heard.transitions).as("no alert for a read that never came back").isEmpty();
        assertThat(status("/cfg").exists()).isTrue();

        updater.changed("/cfg", Change.DATA_CHANGED);
        zk.nextData("/cfg").failed("NOAUTH");
        assertThat(heard.last().current()).isEqualTo(Compliance.unknown("Cannot read the node: NOAUTH"));
    }

    @Test
    void aChildsDataReadLostWithTheConnectionDoesNotDropTheChild() {
        watch(new PathSpec("/svc", List.of(new ChildrenRule(2, -1, ENABLED)), Duration.ZERO, Duration.ZERO, List.of()));
        connect().answer(Map.of("/svc", Node.withChildren("a", "b")));
        zk.nextChildrenData("/svc").answer(Map.of("a", ON, "b", ON));
        assertThat(status("/svc").state()).isEqualTo(State.OK);
        heard.clear();

        updater.changed("/svc/b", Change.DATA_CHANGED);
        zk.nextData("/svc/b").failed("CONNECTIONLOSS");
        assertThat(heard.transitions).isEmpty();

        updater.changed("/svc", Change.CHILDREN_CHANGED);
        zk.nextNodes().answer(Map.of("/svc", Node.withChildren("a", "b")));
        zk.nextChildrenData("/svc").failed("CONNECTIONLOSS");
        assertThat(heard.transitions).as("a children's data read that never came back").isEmpty();

        updater.changed("/svc", Change.CHILDREN_CHANGED);
        zk.nextNodes().answer(Map.of("/svc", Node.withChildren("a", "b")));
        zk.nextChildrenData("/svc").failed("NOAUTH");
        assertThat(heard.last().current()).isEqualTo(Compliance.unknown("Cannot read the children's data: NOAUTH"));
    }

    // ---- deferral ----

    @Test
    void aChildThatComesWhileTheNodesDataIsBeingReadIsJudgedWithTheNewData() {
        watch(spec("/cfg", ChildrenRule.atLeast(2), new DataRegexRule(Pattern.compile("^ok$"))));
        connect().answer(Map.of("/cfg", Node.withChildren("a").data("ok", 1)));
        assertThat(status("/cfg").message()).isEqualTo("Found children (1) less than minimum (2)");
        heard.clear();

        updater.changed("/cfg", Change.DATA_CHANGED);
        updater.changed("/cfg/b", Change.CREATED);
        // shown at once, judged only with the data: two children and the old data would be a false recovery
        assertThat(status("/cfg").children()).containsExactly("a", "b");
        assertThat(status("/cfg").state()).isEqualTo(State.ERROR);
        assertThat(heard.transitions).isEmpty();

        zk.nextData("/cfg").answer("bad", 2);
        Transition t = heard.transitions.get(0);
        assertThat(heard.transitions).hasSize(1);
        assertThat(t.current()).isEqualTo(Compliance.error("Data does not match /^ok$/"));
        assertThat(t.added()).containsExactly("b");
    }

    @Test
    void aFilteredPathIsJudgedOnlyWhenEveryNewChildsDataIsBack() {
        watch(spec("/svc", new ChildrenRule(2, -1, ENABLED)));
        connect().answer(Map.of("/svc", Node.withChildren("a")));
        zk.nextChildrenData("/svc").answer(Map.of("a", ON));
        assertThat(status("/svc").message()).isEqualTo("Found matching children (1 of 1) less than minimum (2)");
        heard.clear();

        updater.changed("/svc/b", Change.CREATED);
        updater.changed("/svc/c", Change.CREATED);
        assertThat(status("/svc").children()).containsExactly("a", "b", "c");
        assertThat(status("/svc").state()).isEqualTo(State.ERROR);

        zk.nextData("/svc/b").answer(ON, 2);
        assertThat(heard.transitions).as("c's data is still on its way").isEmpty();

        zk.nextData("/svc/c").answer(OFF, 2);
        assertThat(heard.transitions).singleElement().satisfies(t -> {
            assertThat(t.current()).isEqualTo(Compliance.OK);
            assertThat(t.added()).containsExactly("b", "c");
        });
    }

    @Test
    void aChildThatComesAndGoesDuringDeferralIsNeverReported() {
        watch(spec("/svc", new ChildrenRule(2, -1, ENABLED)));
        connect().answer(Map.of("/svc", Node.withChildren("a", "b")));
        zk.nextChildrenData("/svc").answer(Map.of("a", ON, "b", ON));
        assertThat(status("/svc").state()).isEqualTo(State.OK);
        heard.clear();

        updater.changed("/svc/c", Change.CREATED);
        updater.changed("/svc/c", Change.DELETED);
        updater.changed("/svc/b", Change.DELETED);
        assertThat(status("/svc").children()).containsExactly("a");
        assertThat(heard.transitions).as("judged only when c's read is back").isEmpty();

        zk.nextData("/svc/c").gone();
        assertThat(heard.transitions).singleElement().satisfies(t -> {
            assertThat(t.current()).isEqualTo(Compliance.error("Found matching children (1 of 1) less than minimum (2)"));
            assertThat(t.added()).isEmpty();
            assertThat(t.removed()).containsExactly("b");
        });
    }

    @Test
    void childrenOfAFilteredPathCountOnlyOnceTheirDataIsKnown() {
        watch(spec("/svc", new ChildrenRule(2, -1, ENABLED)));
        connect().answer(Map.of("/svc", Node.withChildren("a", "b", "c")));
        assertThat(status("/svc").children()).containsExactly("a", "b", "c");
        assertThat(status("/svc").state()).isEqualTo(State.UNKNOWN);
        assertThat(heard.transitions).isEmpty();
        assertThat(reads.passSettled()).as("the children's data is part of the first read").isFalse();

        zk.nextChildrenData("/svc").answer(Map.of("a", ON, "b", OFF, "c", ON));
        assertThat(heard.last().current()).isEqualTo(Compliance.OK);
        assertThat(reads.passSettled()).isTrue();

        updater.changed("/svc/c", Change.DATA_CHANGED);
        zk.nextData("/svc/c").answer(OFF, 3);
        assertThat(heard.last().current()).isEqualTo(Compliance.error("Found matching children (1 of 3) less than minimum (2)"));
    }

    // ---- globs ----

    @Test
    void aGlobMatchWhoseNodeIsDeletedIsDropped() {
        PathSpec glob = spec("/svc/*/instances", ChildrenRule.atLeast(1));
        watchMatch("/svc/a/instances", glob);
        watchMatch("/svc/b/instances", glob);

        connect().answer(Map.of("/svc/a/instances", Node.withChildren("1"), "/svc/b/instances", Node.missing()));
        assertThat(heard.removed).containsExactly("/svc/b/instances: node deleted");
        assertThat(table.get("/svc/b/instances")).isNull();

        updater.changed("/svc/a/instances", Change.DELETED);
        assertThat(heard.removed).containsExactly("/svc/b/instances: node deleted", "/svc/a/instances: node deleted");
        assertThat(table.size()).isZero();
        assertThat(table.stateCounts()).containsExactly(0, 0, 0);
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void aGlobMatchThatMustExistStaysAndIsOutOfSpecWhenDeleted() {
        watchMatch("/svc/a/leader", spec("/svc/*/leader", new ExistsRule(true)));
        connect().answer(Map.of("/svc/a/leader", Node.withChildren()));

        updater.changed("/svc/a/leader", Change.DELETED);
        assertThat(heard.removed).isEmpty();
        assertThat(status("/svc/a/leader").compliance()).isEqualTo(Compliance.error("Node does not exist"));
    }

    // ---- connection ----

    @Test
    void aDisconnectMakesEveryPathUnknownAndNothingIsJudgedUntilReconnected() {
        watch(spec("/a", ChildrenRule.atLeast(1)));
        watch(spec("/b", ChildrenRule.atLeast(1)));
        connect().answer(Map.of("/a", Node.withChildren("1"), "/b", Node.withChildren("1")));
        heard.clear();

        Instant at = clock.now();
        evaluator.disconnected(at);
        assertThat(table.statuses()).allSatisfy(s -> {
            assertThat(s.compliance()).isEqualTo(Compliance.unknown("No information: ZooKeeper disconnected since " + at));
            assertThat(s.children()).as("what was known stays shown").containsExactly("1");
        });
        assertThat(heard.transitions).extracting(Transition::path).containsExactly("/a", "/b");
        assertThat(table.stateCounts()).containsExactly(0, 0, 2);

        updater.changed("/a/1", Change.DELETED);
        assertThat(heard.transitions).hasSize(2);

        connect().answer(Map.of("/a", Node.withChildren(), "/b", Node.withChildren("1")));
        assertThat(status("/a").compliance()).isEqualTo(Compliance.error("Found children (0) less than minimum (1)"));
        assertThat(status("/b").compliance()).isEqualTo(Compliance.OK);
    }

    @Test
    void aPathAddedJustBeforeADisconnectTurnsUnknownToo() {
        watch(spec("/a", ChildrenRule.atLeast(1)));
        connect().answer(Map.of("/a", Node.withChildren("1")));
        PathEntry late = table.addIfAbsent(evaluator.newEntry("/b", spec("/b"), "/*"));
        table.orderChanged(); // not yet in the sorted order
        updater.read(List.of(late), false);
        zk.nextNodes().answer(Map.of("/b", Node.withChildren()));
        assertThat(status("/b").state()).isEqualTo(State.OK);

        evaluator.disconnected(clock.now());
        assertThat(status("/b").state()).isEqualTo(State.UNKNOWN);
    }

    // ---- stale answers ----

    @Test
    void aFullReadSentBeforeAReconnectIsIgnored() {
        watch(spec("/cfg", new DataRegexRule(Pattern.compile("^ok$"))));
        FakeReader.NodesRequest before = connect();
        evaluator.disconnected(clock.now());
        FakeReader.NodesRequest after = connect();

        before.answer(Map.of("/cfg", Node.withChildren().data("bad", 1)));
        assertThat(status("/cfg").state()).isEqualTo(State.UNKNOWN);
        assertThat(reads.passSettled()).isFalse();

        after.answer(Map.of("/cfg", Node.withChildren().data("ok", 2)));
        assertThat(status("/cfg").state()).isEqualTo(State.OK);
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void anEventReadSentBeforeAReconnectIsIgnoredEvenIfItsAnswerComesLast() {
        watch(spec("/cfg", new DataRegexRule(Pattern.compile("^ok$"))));
        connect().answer(Map.of("/cfg", Node.withChildren().data("ok", 1)));
        updater.changed("/cfg", Change.DATA_CHANGED);
        FakeReader.DataRequest stale = zk.nextData("/cfg");

        evaluator.disconnected(clock.now());
        connect().answer(Map.of("/cfg", Node.withChildren().data("ok", 2)));
        stale.answer("bad", 1);

        assertThat(status("/cfg").state()).isEqualTo(State.OK);
        assertThat(heard.transitions).noneMatch(t -> t.state() == State.ERROR);
        assertThat(reads.deferring(table.get("/cfg"))).isFalse();
    }

    @Test
    void aChildrensDataAnswerOvertakenByANewerFullReadIsIgnored() {
        PathEntry e = watch(spec("/svc", new ChildrenRule(2, -1, ENABLED)));
        connect().answer(Map.of("/svc", Node.withChildren("a", "b")));
        FakeReader.ChildrenDataRequest old = zk.nextChildrenData("/svc");
        updater.read(List.of(e), false); // a reload reads the path again

        old.answer(Map.of("a", ON, "b", ON));
        assertThat(heard.transitions).isEmpty();

        zk.nextNodes().answer(Map.of("/svc", Node.withChildren("a")));
        zk.nextChildrenData("/svc").answer(Map.of("a", ON));
        assertThat(heard.transitions).singleElement()
                .satisfies(t -> assertThat(t.current()).isEqualTo(Compliance.error("Found matching children (1 of 1) less than minimum (2)")));
        assertThat(reads.deferring(e)).isFalse();
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void anEntryReadTwiceWhilePrimingSettlesBothReads() {
        PathEntry e = watch(spec("/svc", ChildrenRule.atLeast(1)));
        FakeReader.NodesRequest first = connect();
        updater.read(List.of(e), false); // a reload reads an entry that is still Unknown
        FakeReader.NodesRequest second = zk.nextNodes();

        first.answer(Map.of("/svc", Node.withChildren("a")));
        assertThat(status("/svc").state()).isEqualTo(State.OK);
        assertThat(reads.passSettled()).isFalse();

        second.answer(Map.of("/svc", Node.withChildren("a")));
        assertThat(reads.passSettled()).isTrue();
        assertThat(heard.transitions).hasSize(1);
    }

    @Test
    void anEntryDroppedWhileItsReadIsInFlightDoesNotHoldUpThePass() {
        watch(spec("/a", ChildrenRule.atLeast(1)));
        watch(spec("/b", ChildrenRule.atLeast(1)));
        FakeReader.NodesRequest read = connect();
        table.remove("/b"); // a reload dropped it

        read.answer(Map.of("/a", Node.withChildren("1"), "/b", Node.withChildren("1")));
        assertThat(reads.passSettled()).isTrue();
        assertThat(heard.transitions).extracting(Transition::path).containsExactly("/a");
    }

    // ---- time ----

    @Test
    void anAgeRuleTurnsFalseWithTimeAlone() {
        watch(spec("/heartbeat", new DataMaxAgeRule(Duration.ofSeconds(10))));
        connect().answer(Map.of("/heartbeat", Node.withChildren().data("x", clock.now().toEpochMilli())));
        assertThat(status("/heartbeat").state()).isEqualTo(State.OK);

        clock.advance(Duration.ofSeconds(5));
        evaluator.sweepAges();
        assertThat(status("/heartbeat").state()).isEqualTo(State.OK);

        clock.advance(Duration.ofSeconds(6));
        evaluator.sweepAges();
        assertThat(status("/heartbeat").compliance()).isEqualTo(Compliance.error("Data is 11s old, older than 10s"));
    }
}
