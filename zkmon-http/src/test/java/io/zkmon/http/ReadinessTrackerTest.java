package io.zkmon.http;

import static io.zkmon.http.Fixtures.T0;
import static io.zkmon.http.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessTrackerTest {

    private final ReadinessTracker tracker = new ReadinessTracker(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

    @Test
    void startsFromTheMonitorsSnapshot() {
        tracker.initialize(status(true, Map.of()));

        assertThat(tracker.current().ready()).isTrue();
        assertThat(tracker.current().since()).isEqualTo(T0);
        assertThat(tracker.current().reason()).isNull();
    }

    @Test
    void followsConnectionAndPrimingEvents() {
        tracker.initialize(status(true, Map.of()));

        tracker.onConnectionChange(false);
        assertThat(tracker.current().ready()).isFalse();
        assertThat(tracker.current().reason()).isEqualTo("not connected to ZooKeeper (since 2025-06-01T12:01:00Z)");

        tracker.onConnectionChange(true);
        assertThat(tracker.current().ready()).isFalse();
        assertThat(tracker.current().reason()).isEqualTo("connected to ZooKeeper; still reading the watched paths");

        tracker.onPrimed();
        assertThat(tracker.current().ready()).isTrue();
    }

    @Test
    void anEventBeforeTheSnapshotWins() {
        tracker.onConnectionChange(false);

        tracker.initialize(status(true, Map.of()));

        assertThat(tracker.current().connected()).isFalse();
    }

    @Test
    void isNotReadyBeforeItKnowsAnything() {
        assertThat(tracker.current().ready()).isFalse();
    }
}
