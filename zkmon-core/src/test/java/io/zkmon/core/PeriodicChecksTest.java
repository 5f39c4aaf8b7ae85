package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.time.ManualScheduler;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's timers on a clock driven by hand: a resync every interval (zero: none), an age sweep every second
 * only when some spec has an age rule, a poll of counted-only nodes every 10 s; each under the engine's lock; a
 * restart or a stop cancels them, and a task of an older round that could not be cancelled any more does nothing.
 */
class PeriodicChecksTest {

    private final Object lock = new Object();
    private final List<String> ran = new ArrayList<>();
    private final ManualScheduler clock = new ManualScheduler();

    private final PeriodicChecks.Target target = new PeriodicChecks.Target() {
        @Override
        public void periodicResync() {
            ran.add("resync@" + seconds() + (Thread.holdsLock(lock) ? "" : " UNLOCKED"));
        }

        @Override
        public void sweepAges() {
            ran.add("ages@" + seconds() + (Thread.holdsLock(lock) ? "" : " UNLOCKED"));
        }

        @Override
        public void pollCounted() {
            ran.add("poll@" + seconds() + (Thread.holdsLock(lock) ? "" : " UNLOCKED"));
        }
    };

    private long seconds() {
        return Duration.between(Instant.parse("2026-11-25T12:00:00Z"), clock.now()).toSeconds();
    }

    private List<String> ranOf(String kind) {
        return ran.stream().filter(s -> s.startsWith(kind)).toList();
    }

    @Test
    void theResyncRunsEveryIntervalUnderTheEngineLock() {
        PeriodicChecks checks = new PeriodicChecks(clock, lock, target);
        synchronized (lock) {
            checks.start(Duration.ofSeconds(30), false);
        }

        clock.advance(Duration.ofSeconds(95));

        assertThat(ranOf("resync")).containsExactly("resync@30", "resync@60", "resync@90");
    }

    @Test
    void aZeroIntervalTurnsTheResyncOff() {
        PeriodicChecks checks = new PeriodicChecks(clock, lock, target);
        checks.start(Duration.ZERO, false);

        clock.advance(Duration.ofMinutes(5));

        assertThat(ranOf("resync")).isEmpty();
    }

    @Test
    void agesAreSweptEverySecondOnlyWhenSomeSpecHasAnAgeRule() {
        PeriodicChecks without = new PeriodicChecks(clock, lock, target);
        without.start(Duration.ZERO, false);
        clock.advance(Duration.ofSeconds(3));
        assertThat(ranOf("ages")).isEmpty();
        without.stop();

        PeriodicChecks with = new PeriodicChecks(clock, lock, target);
        with.start(Duration.ZERO, true);
        clock.advance(Duration.ofSeconds(3));
        assertThat(ranOf("ages")).containsExactly("ages@4", "ages@5", "ages@6");
    }

    @Test
    void countedOnlyNodesArePolledEveryTenSeconds() {
        PeriodicChecks checks = new PeriodicChecks(clock, lock, target);
        checks.start(Duration.ZERO, false);

        clock.advance(Duration.ofSeconds(25));

        assertThat(ranOf("poll")).containsExactly("poll@10", "poll@20");
    }

    @Test
    void stopCancelsEveryCheck() {
        PeriodicChecks checks = new PeriodicChecks(clock, lock, target);
        checks.start(Duration.ofSeconds(5), true);
        clock.advance(Duration.ofSeconds(1));
        ran.clear();

        checks.stop();
        clock.advance(Duration.ofMinutes(1));

        assertThat(ran).isEmpty();
    }

    @Test
    void aRestartReplacesTheChecksInsteadOfAddingASecondSet() {
        PeriodicChecks checks = new PeriodicChecks(clock, lock, target);
        checks.start(Duration.ofSeconds(10), true);
        clock.advance(Duration.ofSeconds(5));
        ran.clear();

        checks.start(Duration.ofSeconds(10), true); // a reload at 5 s
        clock.advance(Duration.ofSeconds(11));

        assertThat(ranOf("resync")).containsExactly("resync@15");
        assertThat(ranOf("poll")).containsExactly("poll@15");
        assertThat(ranOf("ages")).hasSize(11).doesNotHaveDuplicates();
    }

    @Test
    void aRestartWithoutAgeRulesEndsTheSweep() {
        PeriodicChecks checks = new PeriodicChecks(clock, lock, target);
        checks.start(Duration.ZERO, true);
        clock.advance(Duration.ofSeconds(2));
        ran.clear();

        checks.start(Duration.ZERO, false);
        clock.advance(Duration.ofSeconds(5));

        assertThat(ranOf("ages")).isEmpty();
    }

    @Test
    void aTaskOfAnOlderRoundThatWasNoLongerCancellableDoesNothingAndEnds() {
        // a scheduler whose cancel comes too late: the task had already started and was waiting for the lock
        Scheduler late = new Scheduler() {
            @Override
            public Instant now() {
                return clock.now();
            }

            @Override
            public Task schedule(Duration delay, Runnable task) {
                clock.schedule(delay, task);
                return () -> { };
            }

            @Override
            public void close() {
            }
        };
        PeriodicChecks checks = new PeriodicChecks(late, lock, target);
        checks.start(Duration.ofSeconds(10), true);

        checks.stop();
        clock.advance(Duration.ofMinutes(1));

        assertThat(ran).isEmpty();
    }
}
