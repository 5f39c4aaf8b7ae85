package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one read tracker: every read carries the epoch it was sent in; a (re)connect starts a new epoch, so an answer
 * sent before it is dropped whatever it says; a full read supersedes every read of its entry sent before it; the
 * pass (full reads, children's data after them, listings) is settled once every one of its reads is answered.
 */
class OutstandingReadsTest {

    private final OutstandingReads reads = new OutstandingReads();

    private static PathEntry entry(String path) {
        PathSpec spec = new PathSpec(path, List.of(), Duration.ZERO, Duration.ZERO, List.of());
        return new PathEntry(path, spec, null, new PathStatus(spec, Compliance.unknown("Not read yet"), false, PathEntry.NONE, 0, 0));
    }

    @Test
    void nothingInFlightIsASettledPass() {
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void aFullReadIsWantedAndSettlesThePass() {
        PathEntry e = entry("/a");
        long ticket = reads.beginFullRead(e);
        assertThat(reads.fullReadPending(e)).isTrue();
        assertThat(reads.passSettled()).isFalse();

        assertThat(reads.fullReadAnswered(ticket, e)).isTrue();
        assertThat(reads.fullReadPending(e)).isFalse();
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void aStaleAnswerAfterAReconnectIsDropped() {
        PathEntry e = entry("/a");
        long before = reads.beginFullRead(e);

        reads.newEpoch();
        long after = reads.beginFullRead(e);

        assertThat(reads.fullReadAnswered(before, e)).as("the answer sent before the reconnect").isFalse();
        assertThat(reads.fullReadPending(e)).as("still waiting for the read of the new epoch").isTrue();
        assertThat(reads.passSettled()).isFalse();
        assertThat(reads.fullReadAnswered(after, e)).isTrue();
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void aNewEpochForgetsThePassOfTheOldOne() {
        reads.beginFullRead(entry("/a"));
        reads.beginListing();
        assertThat(reads.passSettled()).isFalse();

        reads.newEpoch();

        assertThat(reads.passSettled()).isTrue();
        assertThat(reads.epoch()).isEqualTo(1);
    }

    @Test
    void ofAnEntryReadTwiceOnlyTheFirstAnswerIsUsedButBothSettleThePass() {
        PathEntry e = entry("/a");
        long first = reads.beginFullRead(e);
        long second = reads.beginFullRead(e);

        assertThat(reads.fullReadAnswered(first, e)).isTrue();
        assertThat(reads.passSettled()).isFalse();
        assertThat(reads.fullReadAnswered(second, e)).isFalse();
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void aFullReadSupersedesTheEventReadsOfItsEntry() {
        PathEntry e = entry("/a");
        long event = reads.beginEventRead(e);
        assertThat(reads.deferring(e)).isTrue();

        long full = reads.beginFullRead(e);

        assertThat(reads.deferring(e)).as("the full read's answer holds what the event read would").isFalse();
        assertThat(reads.eventReadAnswered(event, e)).isFalse();
        assertThat(reads.fullReadAnswered(full, e)).isTrue();
    }

    @Test
    void eventReadsDeferEvaluationUntilEachIsAnsweredAndAreNotPartOfThePass() {
        PathEntry e = entry("/a");
        long one = reads.beginEventRead(e);
        long two = reads.beginEventRead(e);
        assertThat(reads.passSettled()).isTrue();

        assertThat(reads.eventReadAnswered(one, e)).isTrue();
        assertThat(reads.deferring(e)).isTrue();
        assertThat(reads.eventReadAnswered(two, e)).isTrue();
        assertThat(reads.deferring(e)).isFalse();
    }

    @Test
    void anEventReadFromBeforeAReconnectIsDroppedAndDefersNoMore() {
        PathEntry e = entry("/a");
        long ticket = reads.beginEventRead(e);
        reads.newEpoch();
        reads.beginFullRead(e); // the reconnect reads every entry again

        assertThat(reads.eventReadAnswered(ticket, e)).isFalse();
        assertThat(reads.deferring(e)).isFalse();
    }

    @Test
    void childrenDataAfterAFullReadIsPartOfThePassAndDefersEvaluation() {
        PathEntry e = entry("/a");
        reads.fullReadAnswered(reads.beginFullRead(e), e);
        long ticket = reads.beginChildrenData(e);
        assertThat(reads.passSettled()).isFalse();
        assertThat(reads.deferring(e)).isTrue();

        assertThat(reads.childrenDataAnswered(ticket, e)).isTrue();
        assertThat(reads.passSettled()).isTrue();
        assertThat(reads.deferring(e)).isFalse();
    }

    @Test
    void childrenDataOvertakenByANewerFullReadIsDroppedButSettlesItsShareOfThePass() {
        PathEntry e = entry("/a");
        reads.fullReadAnswered(reads.beginFullRead(e), e);
        long data = reads.beginChildrenData(e);
        long full = reads.beginFullRead(e);

        assertThat(reads.childrenDataAnswered(data, e)).isFalse();
        assertThat(reads.passSettled()).isFalse();
        assertThat(reads.fullReadAnswered(full, e)).isTrue();
        assertThat(reads.passSettled()).isTrue();
    }

    @Test
    void childrenDataOfAnOldEpochIsDroppedWithoutTouchingTheNewPass() {
        PathEntry e = entry("/a");
        long data = reads.beginChildrenData(e);
        reads.newEpoch();
        reads.beginListing();

        assertThat(reads.childrenDataAnswered(data, e)).isFalse();
        assertThat(reads.passSettled()).as("the new epoch's listing is still out").isFalse();
    }

    @Test
    void listingsArePartOfThePassAndStaleAfterAReconnect() {
        long old = reads.beginListing();
        reads.newEpoch();
        long now = reads.beginListing();

        assertThat(reads.listingAnswered(old)).isFalse();
        assertThat(reads.passSettled()).isFalse();
        assertThat(reads.listingAnswered(now)).isTrue();
        assertThat(reads.passSettled()).isTrue();
    }
}
