package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkmon.core.dispatch.Silence;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher's lifecycle: building does no work, start() does, close() is bounded. */
class DefaultDispatcherLifecycleTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final TestPermission leader = new TestPermission(true);
    private final List<Runnable> silenceListeners = new ArrayList<>();
    private final SilenceStore silences = new SilenceStore() {
        private final SilenceStore inner = SilenceStore.inMemory();

        @Override
        public List<Silence> list() {
            return inner.list();
        }

        @Override
        public void add(Silence silence) {
            inner.add(silence);
        }

        @Override
        public boolean remove(String id) {
            return inner.remove(id);
        }

        @Override
        public void addListener(Runnable onChange) {
            silenceListeners.add(onChange);
        }
    };

    private DefaultDispatcher build() {
        return DefaultDispatcher.builder().scheduler(clock).permission(leader).silences(silences).deliveryExecutor(Runnable::run)
                .flushTimeout(Duration.ofMillis(200)).build();
    }

    @Test
    void buildingRegistersNothingAndAsksNothing() {
        DefaultDispatcher d = build();
        clock.runDue();
        assertThat(leader.listeners).isEmpty();
        assertThat(silenceListeners).isEmpty();
        assertThat(leader.asked).hasValue(0);
        assertThat(d.status().alerting()).isFalse();
    }

    @Test
    void startRegistersTheListenersOnceAndLooksAtThePermission() {
        DefaultDispatcher d = build();
        d.start();
        d.start();
        assertThat(leader.listeners).hasSize(1);
        assertThat(silenceListeners).hasSize(1);
        clock.runDue();
        assertThat(d.status().alerting()).isTrue();
        long g = d.generation();
        leader.set(false);
        clock.runDue();
        assertThat(d.status().alerting()).isFalse();
        assertThat(d.generation()).isGreaterThan(g);
    }

    @Test
    void theDeliveryPoolMustLeaveThreadsToOtherAlerters() {
        assertThatThrownBy(() -> DefaultDispatcher.builder().scheduler(clock).deliveryThreads(4).deliveryThreadsPerAlerter(4).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DefaultDispatcher.builder().scheduler(clock).deliveryThreadsPerAlerter(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DefaultDispatcher.builder().build()).isInstanceOf(NullPointerException.class).hasMessage("scheduler");
    }

    @Test
    void closeGivesUpWaitingWhenTheDispatcherThreadDoesNotAnswerAndStartsNothingAfter() {
        DefaultDispatcher d = build();
        d.start();
        long before = System.nanoTime();
        d.close(); // nobody runs the manual clock: the flush question is never answered
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        d.start();
        assertThat(leader.listeners).as("a closed dispatcher does not start").hasSize(1);
    }
}
