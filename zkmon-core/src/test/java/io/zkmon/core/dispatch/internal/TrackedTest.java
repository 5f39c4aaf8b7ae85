package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.Notification;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.dispatch.DeliveryRecord;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's view of one path: it starts clear; children that came and went during an incident cancel out and
 * are bounded; only the last few delivery outcomes are kept; its timers cancel cleanly.
 */
class TrackedTest {

    private final Tracked path = new Tracked("/svc");

    @Test
    void aNewPathIsClearAndNotLocal() {
        assertThat(path.state.path()).isEqualTo("/svc");
        assertThat(path.current).isNull();
        assertThat(path.local).isFalse();
        assertThat(path.alertName).isNull();
    }

    @Test
    void aChildThatCameAndWentAgainCancelsOut() {
        path.accumulate(List.of("a", "b"), List.of());
        path.accumulate(List.of(), List.of("a", "c"));
        path.accumulate(List.of("c"), List.of());

        assertThat(path.added).containsExactly("b");
        assertThat(path.removed).isEmpty();
    }

    @Test
    void namesAreKeptInTheOrderTheyCameUpToFifty() {
        path.accumulate(IntStream.range(0, 80).mapToObj(i -> "n" + i).toList(), List.of());
        path.accumulate(List.of(), IntStream.range(100, 180).mapToObj(i -> "n" + i).toList());

        assertThat(path.added).hasSize(Tracked.MAX_NAMES).startsWith("n0", "n1");
        assertThat(path.removed).hasSize(Tracked.MAX_NAMES);
    }

    @Test
    void onlyTheLastEightOutcomesAreKept() {
        for (int i = 0; i < 12; i++) {
            path.record(new DeliveryRecord("mail", Notification.Kind.FIRING, DeliveryOutcome.SENT, 1, Instant.ofEpochSecond(i), "ok"));
        }

        assertThat(path.recent).hasSize(Tracked.MAX_RECENT);
        assertThat(path.recent.peekFirst().at()).isEqualTo(Instant.ofEpochSecond(4));
        assertThat(path.recent.peekLast().at()).isEqualTo(Instant.ofEpochSecond(11));
    }

    @Test
    void cancellingTheTimersStopsThemAndForgetsThem() {
        ManualScheduler clock = new ManualScheduler();
        List<String> fired = new ArrayList<>();
        path.timer = clock.schedule(Duration.ofSeconds(1), () -> fired.add("grace"));
        path.refreshTimer = clock.schedule(Duration.ofSeconds(1), () -> fired.add("refresh"));

        path.cancelTimer();
        path.cancelRefresh();
        path.cancelTimer(); // twice is harmless
        clock.advance(Duration.ofSeconds(5));

        assertThat(fired).isEmpty();
        assertThat(path.timer).isNull();
        assertThat(path.refreshTimer).isNull();
    }
}
