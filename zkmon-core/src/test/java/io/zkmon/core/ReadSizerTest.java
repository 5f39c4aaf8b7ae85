package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * Keeping every reply under the client's packet limit ({@code jute.maxbuffer}): which nodes are read on their own,
 * what the plan of a node of a given size is, when a node that keeps losing the connection is given up on, and
 * messages that tell the user how to raise the limit.
 */
class ReadSizerTest {

    private static final int MAX_BUFFER = 64 * 1024;
    private final ReadSizer sizer = new ReadSizer(MAX_BUFFER);

    private record Node(String rawPath, long expectedBytes) implements NodeReader.Target {
        @Override
        public boolean needsData() {
            return true;
        }
    }

    private static Stat stat(int dataLength, int numChildren) {
        Stat s = new Stat();
        s.setDataLength(dataLength);
        s.setNumChildren(numChildren);
        return s;
    }

    @Test
    void aReplyMayHoldTheLimitLessRoomForHeadersButNeverLessThanOneKilobyte() {
        assertThat(sizer.limit()).isEqualTo(MAX_BUFFER - 4 * 1024);
        assertThat(new ReadSizer(2048).limit()).isEqualTo(1024);
    }

    @Test
    void aNodeExpectedToTakeMoreThanHalfAReplyIsReadCarefully() {
        assertThat(sizer.careful(new Node("/small", 100))).isFalse();
        assertThat(sizer.careful(new Node("/large", sizer.limit() / 2 + 1))).isTrue();
    }

    @Test
    void aNodeWhoseReadLostTheConnectionIsSuspectedUntilItIsReadAgain() {
        Node n = new Node("/a", 10);
        sizer.lost("/a");
        assertThat(sizer.careful(n)).isTrue();

        sizer.read("/a");
        assertThat(sizer.careful(n)).isFalse();
    }

    @Test
    void childrenDataSuspicionIsKeptApartFromTheNodesOwn() {
        sizer.childrenLost("/a");
        assertThat(sizer.childrenSuspected("/a")).isTrue();
        assertThat(sizer.careful(new Node("/a", 0))).isFalse();

        sizer.childrenRead("/a");
        assertThat(sizer.childrenSuspected("/a")).isFalse();
    }

    @Test
    void aNodeThatFitsIsReadWhole() {
        ReadSizer.Plan plan = sizer.plan("/a", stat(100, 10), true);

        assertThat(plan.readChildren()).isTrue();
        assertThat(plan.readData()).isTrue();
        assertThat(plan.dataError()).isNull();
    }

    @Test
    void dataIsReadOnlyWhenARuleNeedsIt() {
        assertThat(sizer.plan("/a", stat(100, 0), false).readData()).isFalse();
        assertThat(sizer.plan("/a", stat(10 * MAX_BUFFER, 0), false).dataError()).as("too large, but not wanted").isNull();
    }

    @Test
    void aChildListTooLongForOneReplyIsOnlyCounted() {
        ReadSizer.Plan plan = sizer.plan("/a", stat(0, 100_000), false);

        assertThat(plan.readChildren()).isFalse();
        assertThat(plan.countOnly()).isEqualTo(100_000);
    }

    @Test
    void dataTooLargeForOneReplyIsNotReadAndTheMessageSaysHowToRaiseTheLimit() {
        ReadSizer.Plan plan = sizer.plan("/a", stat(MAX_BUFFER, 0), true);

        assertThat(plan.readData()).isFalse();
        assertThat(plan.dataError()).contains(MAX_BUFFER + " bytes", "jute.maxbuffer = " + MAX_BUFFER, "-Djute.maxbuffer=<bytes>");
    }

    @Test
    void aNodeIsGivenUpOnAfterItsReadsLostTheConnectionThreeTimes() {
        for (int i = 1; i < ReadSizer.GIVE_UP; i++) {
            sizer.lost("/a");
            assertThat(sizer.plan("/a", stat(100, 10), true).readData()).as("after %d losses", i).isTrue();
        }
        sizer.lost("/a");

        ReadSizer.Plan plan = sizer.plan("/a", stat(100, 10), true);
        assertThat(plan.readData()).isFalse();
        assertThat(plan.countOnly()).as("the list is counted only").isEqualTo(10);
        assertThat(plan.dataError()).contains("lost the connection", "jute.maxbuffer = " + MAX_BUFFER, "-Djute.maxbuffer=<bytes>");
    }

    @Test
    void aGivenUpNodeWithAVeryLongListBlamesTheListAndStillReadsItsData() {
        for (int i = 0; i < ReadSizer.GIVE_UP; i++) {
            sizer.lost("/a");
        }

        ReadSizer.Plan plan = sizer.plan("/a", stat(100, 5000), true);

        assertThat(plan.countOnly()).isEqualTo(5000);
        assertThat(plan.readData()).isTrue();
        assertThat(plan.dataError()).isNull();
    }

    @Test
    void aNodeReadAgainIsNoLongerGivenUpOn() {
        for (int i = 0; i < ReadSizer.GIVE_UP; i++) {
            sizer.lost("/a");
        }
        sizer.read("/a");

        assertThat(sizer.plan("/a", stat(100, 10), true).readData()).isTrue();
    }

    @Test
    void longChildNamesLearnedFromListsMakeListsExpectedLarger() {
        long before = sizer.childrenBytes(1000);
        String longName = String.join("", Collections.nCopies(200, "x"));

        sizer.learnNames(Collections.nCopies(8, longName));

        assertThat(sizer.childrenBytes(1000)).isGreaterThan(before);
    }

    @Test
    void listsOfFewerThanEightNamesTeachNothing() {
        long before = sizer.childrenBytes(1000);
        sizer.learnNames(List.of(String.join("", Collections.nCopies(500, "x"))));
        assertThat(sizer.childrenBytes(1000)).isEqualTo(before);
    }

    @Test
    void theMessagesOfTooManyChildrenAndOfACountedListNameTheLimitAndTheSwitch() {
        assertThat(sizer.tooManyChildren(200_000)).contains("200000 children", "'where'", "-Djute.maxbuffer=<bytes>");
        assertThat(sizer.countedOnly(200_000)).contains("200000 children", "jute.maxbuffer = " + MAX_BUFFER, "-Djute.maxbuffer");
    }

    @Test
    void sizesFirstOfNoChildrenAnswersAtOnceWithNothing() {
        AtomicReference<Map<String, byte[]>> got = new AtomicReference<>();
        sizer.statsFirst(null, null, "/a", new String[0], (data, error) -> got.set(data), (fitting, sizes, cb) -> {
            throw new AssertionError("nothing to read");
        });
        assertThat(got.get()).isEmpty();
    }
}
