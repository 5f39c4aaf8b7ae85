package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one delivery pool: bounded, at most a few sends per alerter, nothing dropped silently. */
class DeliveryExecutorTest {

    /** An executor that runs what it was given only when the test says so. */
    static final class Held implements Executor {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            queue.addLast(r);
        }

        void runNext() {
            queue.pollFirst().run();
        }
    }

    /** A job that records its name when run, and when refused. */
    static final class Named implements DeliveryExecutor.Job {
        final String name;
        final List<String> log;

        Named(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void run() {
            log.add(name);
        }

        @Override
        public void refused(RejectedExecutionException e) {
            log.add(name + " refused");
        }
    }

    @Test
    void anAlerterOverItsAllowanceWaitsInItsOwnQueueInOrderWhileOthersGoOn() {
        Held held = new Held();
        DeliveryExecutor ex = DeliveryExecutor.on(held, 2);
        List<String> log = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ex.submit("slack", new Named("slack-" + i, log));
        }
        ex.submit("email", new Named("email-1", log));
        assertThat(ex.running("slack")).isEqualTo(2);
        assertThat(ex.waiting("slack")).isEqualTo(2);
        assertThat(held.queue).as("two slack sends and the email").hasSize(3);

        held.runNext(); // slack-1 ends: its thread goes to slack-3
        held.runNext(); // slack-2 ends: slack-4
        held.runNext(); // email-1
        held.runNext();
        held.runNext();
        assertThat(log).containsExactly("slack-1", "slack-2", "email-1", "slack-3", "slack-4");
        assertThat(ex.running("slack")).isZero();
        assertThat(ex.waiting("slack")).isZero();
    }

    @Test
    void aJobTheExecutorRefusesIsToldAndFreesItsPlace() {
        DeliveryExecutor ex = DeliveryExecutor.on(r -> {
            throw new RejectedExecutionException("shut down");
        }, 1);
        List<String> log = new ArrayList<>();
        ex.submit("slack", new Named("a", log));
        ex.submit("slack", new Named("b", log));
        assertThat(log).containsExactly("a refused", "b refused");
        assertThat(ex.running("slack")).isZero();
    }

    @Test
    void closingRefusesEveryJobStillWaiting() {
        Held held = new Held();
        DeliveryExecutor ex = DeliveryExecutor.on(held, 1);
        List<String> log = new ArrayList<>();
        ex.submit("slack", new Named("a", log));
        ex.submit("slack", new Named("b", log));
        ex.submit("slack", new Named("c", log));
        ex.close();
        assertThat(log).containsExactly("b refused", "c refused");
    }

    @Test
    void aPoolMustLeaveThreadsToTheOtherAlerters() {
        assertThatThrownBy(() -> DeliveryExecutor.pool(4, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below the thread count");
        assertThatThrownBy(() -> DeliveryExecutor.on(Runnable::run, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHungAlerterHoldsAtMostItsAllowanceAndTheOthersStillSendOnABoundedPool() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hung = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<String> sent = new CopyOnWriteArrayList<>();
        DeliveryExecutor ex = DeliveryExecutor.pool(4, 2);
        try {
            for (int i = 0; i < 20; i++) {
                ex.submit("hung", new DeliveryExecutor.Job() {
                    @Override
                    public void run() {
                        hung.incrementAndGet();
                        threads.add(Thread.currentThread().getName());
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void refused(RejectedExecutionException e) {
                    }
                });
            }
            for (int i = 0; i < 20; i++) {
                String name = "ok-" + i;
                ex.submit("alerter-" + (i % 5), new DeliveryExecutor.Job() {
                    @Override
                    public void run() {
                        threads.add(Thread.currentThread().getName());
                        sent.add(name);
                    }

                    @Override
                    public void refused(RejectedExecutionException e) {
                    }
                });
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 20);
            assertThat(hung).as("the hung alerter holds two threads, no more").hasValue(2);
            assertThat(ex.waiting("hung")).isEqualTo(18);
            assertThat(threads).as("never more threads than the pool has").hasSizeLessThanOrEqualTo(4)
                    .allMatch(n -> n.startsWith("zkmon-delivery-"));
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> hung.get() == 20);
        } finally {
            release.countDown();
            ex.close();
        }
    }
}
