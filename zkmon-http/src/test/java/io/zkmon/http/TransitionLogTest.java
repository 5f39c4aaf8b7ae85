package io.zkmon.http;

import static io.zkmon.http.Fixtures.T0;
import static io.zkmon.http.Fixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionLogTest {

    private static final Compliance BAD = Compliance.error("Found children (0) less than minimum (1)");
    private static final Compliance WORSE = Compliance.error("Node does not exist");

    private final TransitionLog log = new TransitionLog(3);

    @Test
    void keepsNothingForAPathThatNeverChangedState() {
        log.onTransition(transition("/a", BAD, WORSE, T0));

        assertThat(log.recent("/a")).isEmpty();
        assertThat(log.recent("/never")).isEmpty();
        assertThat(log.size()).isZero();
    }

    @Test
    void keepsTheLastStateChangesOldestFirst() {
        for (int i = 0; i < 5; i++) {
            log.onTransition(transition("/a", i % 2 == 0 ? Compliance.OK : BAD, i % 2 == 0 ? BAD : Compliance.OK, T0.plusSeconds(i)));
        }

        List<PathHistory.Entry> recent = log.recent("/a");
        assertThat(recent).extracting(PathHistory.Entry::atMillis)
                .containsExactly(T0.plusSeconds(2).toEpochMilli(), T0.plusSeconds(3).toEpochMilli(), T0.plusSeconds(4).toEpochMilli());
        assertThat(recent.get(2).from()).isEqualTo(State.OK);
        assertThat(recent.get(2).to()).isEqualTo(State.ERROR);
        assertThat(recent.get(2).message()).isEqualTo(BAD.message());
    }

    @Test
    void countsEveryStateChangeByTheStateChangedTo() {
        log.onTransition(transition("/a", Compliance.OK, BAD, T0));
        log.onTransition(transition("/a", BAD, Compliance.unknown("disconnected"), T0));
        log.onTransition(transition("/a", Compliance.unknown("disconnected"), BAD, T0));
        log.onTransition(transition("/a", BAD, Compliance.OK, T0));
        log.onTransition(transition("/a", Compliance.OK, BAD, T0));

        List<String> counts = new ArrayList<>();
        log.forEach((path, h) -> counts.add(path + " ok=" + h.count(State.OK) + " error=" + h.count(State.ERROR)
                + " unknown=" + h.count(State.UNKNOWN)));
        assertThat(counts).containsExactly("/a ok=1 error=3 unknown=1");
        assertThat(log.recent("/a")).hasSize(3);
    }

    @Test
    void forgetsAPathThatIsNoLongerWatched() {
        log.onTransition(transition("/a", Compliance.OK, BAD, T0));

        log.onPathRemoved(PathSpec.builder("/a").build(), "deleted");

        assertThat(log.recent("/a")).isEmpty();
        assertThat(log.size()).isZero();
    }

    @Test
    void stopsRecordingOnceClosed() {
        log.onTransition(transition("/a", Compliance.OK, BAD, T0));

        log.close();
        log.onTransition(transition("/b", Compliance.OK, BAD, T0));

        assertThat(log.size()).isZero();
    }

    @Test
    void growsAHistoryOnlyAsFarAsItsCapacity() {
        PathHistory h = new PathHistory(10);
        for (int i = 0; i < 25; i++) {
            h.record(transition("/a", Compliance.OK, BAD, T0.plusSeconds(i)));
            assertThat(h.recent()).hasSize(Math.min(i + 1, 10));
        }
        assertThat(h.recent().get(0).atMillis()).isEqualTo(T0.plusSeconds(15).toEpochMilli());
        assertThat(h.count(State.ERROR)).isEqualTo(25);
    }
}
