package io.zkmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CountSeriesTest {

    private static final long T0 = 1_750_000_000_000L - 1_750_000_000_000L % CountSeries.MINUTE_MS; // a minute's start
    private static final long MIN = CountSeries.MINUTE_MS;

    @Test
    void keepsOneBucketPerMinuteWithTheLowestHighestAndLastCount() {
        CountSeries s = new CountSeries(3, T0, new AtomicLong(1_000));

        s.record(T0 + 10_000, 2);
        s.record(T0 + 20_000, 0);
        s.record(T0 + 30_000, 1);
        s.record(T0 + 5 * MIN, 4);

        assertThat(s.points(T0 + 6 * MIN)).containsExactly(
                new CountSeries.Point(T0, 0, 3, 1),            // 3 carried in, down to 0, ended at 1
                new CountSeries.Point(T0 + 5 * MIN, 1, 4, 4));  // from 1 to 4
        assertThat(s.last()).isEqualTo(4);
        assertThat(s.countBefore(T0 + 6 * MIN)).isEqualTo(3);
    }

    @Test
    void forgetsMinutesOlderThanTheWindowAndRemembersTheCountTheyEndedWith() {
        CountSeries s = new CountSeries(3, T0, new AtomicLong(1_000));
        s.record(T0, 2);
        s.record(T0 + 10 * MIN, 5);

        long later = T0 + (CountSeries.WINDOW_MINUTES + 5) * MIN;
        assertThat(s.points(later)).containsExactly(new CountSeries.Point(T0 + 10 * MIN, 2, 5, 5));
        assertThat(s.countBefore(later)).isEqualTo(2);

        s.record(later, 1); // drops the minute that left the window
        assertThat(s.points(later)).extracting(CountSeries.Point::atMillis).containsExactly(T0 + 10 * MIN, later);
        assertThat(s.countBefore(later)).isEqualTo(2);
    }

    @Test
    void growsToAMinutePerMinuteOfTheWindowAndNoFurther() {
        AtomicLong budget = new AtomicLong(1_000);
        CountSeries s = new CountSeries(0, T0, budget);

        for (int m = 0; m < CountSeries.WINDOW_MINUTES * 2; m++) {
            s.record(T0 + m * MIN, m % 7);
        }

        assertThat(s.capacity()).isEqualTo(CountSeries.WINDOW_MINUTES);
        long now = T0 + (CountSeries.WINDOW_MINUTES * 2 - 1) * MIN;
        assertThat(s.points(now)).hasSize(CountSeries.WINDOW_MINUTES);
        assertThat(s.points(now).get(0).atMillis()).isEqualTo(T0 + CountSeries.WINDOW_MINUTES * MIN);
        assertThat(budget.get()).isEqualTo(1_000 - CountSeries.WINDOW_MINUTES);
    }

    @Test
    void onceTheSharedBudgetIsSpentASeriesCoversLessTimeInsteadOfGrowing() {
        AtomicLong budget = new AtomicLong(10);
        CountSeries s = new CountSeries(0, T0, budget);  // takes 4
        CountSeries other = new CountSeries(0, T0, budget); // takes 4: 2 left

        for (int m = 0; m < 20; m++) {
            s.record(T0 + m * MIN, m);
        }

        assertThat(s.capacity()).isEqualTo(4);           // 8 would need 4 more points than are left
        assertThat(budget.get()).isEqualTo(2);
        long now = T0 + 19 * MIN;
        assertThat(s.points(now)).extracting(CountSeries.Point::last).containsExactly(16, 17, 18, 19);
        assertThat(s.countBefore(now)).isEqualTo(15);

        other.release();
        assertThat(budget.get()).isEqualTo(6);
    }
}
