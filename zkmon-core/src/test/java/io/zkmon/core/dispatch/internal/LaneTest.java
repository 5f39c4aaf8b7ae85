package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.dispatch.PendingDelivery;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One path's deliveries to one alerter: idle when nothing is on the delivery pool and no retry is armed; settled when
 * there is nothing to send now (empty, or waiting for a retry); a reset drops the items and cancels the retry.
 */
class LaneTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final Lane lane = new Lane("mail");

    private static PendingDelivery item() {
        return new PendingDelivery("mail", null, Instant.EPOCH, 0);
    }

    @Test
    void aNewLaneIsIdleAndSettled() {
        assertThat(lane.alerterId).isEqualTo("mail");
        assertThat(lane.idle()).isTrue();
        assertThat(lane.settled()).isTrue();
    }

    @Test
    void aLaneWithItemsIsNotSettledUntilItWaitsForARetry() {
        lane.items.add(item());
        assertThat(lane.settled()).isFalse();

        lane.retryTimer = clock.schedule(Duration.ofSeconds(5), () -> { });
        assertThat(lane.settled()).isTrue();
        assertThat(lane.idle()).as("a retry is armed").isFalse();
    }

    @Test
    void aLaneWithAnAttemptOnThePoolIsNotIdle() {
        lane.items.add(item());
        lane.busy = true;

        assertThat(lane.idle()).isFalse();
        assertThat(lane.settled()).isFalse();
    }

    @Test
    void aResetDropsTheItemsAndCancelsTheRetry() {
        List<String> fired = new ArrayList<>();
        lane.items.add(item());
        lane.items.add(item());
        lane.retryTimer = clock.schedule(Duration.ofSeconds(5), () -> fired.add("retry"));

        lane.reset();
        clock.advance(Duration.ofMinutes(1));

        assertThat(lane.items).isEmpty();
        assertThat(lane.retryTimer).isNull();
        assertThat(fired).isEmpty();
        assertThat(lane.idle()).isTrue();
    }

    @Test
    void itemsLeaveInTheOrderTheyCame() {
        PendingDelivery firing = item();
        PendingDelivery resolved = item();
        lane.items.add(firing);
        lane.items.add(resolved);

        assertThat(lane.items.poll()).isSameAs(firing);
        assertThat(lane.items.poll()).isSameAs(resolved);
    }
}
