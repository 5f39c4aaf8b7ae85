package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Heartbeat;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Beats for whoever watches the watcher, on a clock driven by hand: about every interval while this agent is
 * healthy, none while it is not and one at once when it is again, one call at a time per alerter, a kept alerter
 * keeping its schedule over a reload. The calls run on the heartbeat threads; the test waits for them, never sleeps.
 */
class HeartbeatsTest {

    private static final Duration EVERY = Duration.ofSeconds(10);

    /** A receiver that records each beat; it may be told to fail or to hold a beat until released. */
    private static final class Receiver implements Alerter {
        final List<Heartbeat> beats = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold;
        volatile boolean explode;

        public String name() {
            return "receiver";
        }

        @Override
        public SendResult send(Notification notification) {
            return SendResult.sent();
        }

        @Override
        public Duration heartbeatInterval() {
            return EVERY;
        }

        @Override
        public SendResult heartbeat(Heartbeat beat) {
            beats.add(beat);
            CountDownLatch h = hold;
            if (h != null) {
                try {
                    h.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (explode) {
                throw new IllegalStateException("https://hc-ping.example/secret-token");
            }
            return SendResult.sent();
        }
    }

    private final ManualScheduler clock = new ManualScheduler();
    private final Instant start = clock.now();
    private volatile boolean healthy = true;
    private final Heartbeats heartbeats = new Heartbeats(clock, () -> healthy, "prod", "agent-1", "http://agent-1:8080/status");
    private final Receiver receiver = new Receiver();

    @AfterEach
    void close() {
        heartbeats.close();
    }

    /** Waits until no beat is running on the heartbeat threads. */
    private void awaitNoBeatInFlight() {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30)).until(() -> !heartbeats.beating());
    }

    private List<Long> beatSeconds(Receiver r) {
        return r.beats.stream().map(b -> Duration.between(start, b.at()).toSeconds()).toList();
    }

    /** Moves the clock one second at a time, letting each beat finish before the next tick. */
    private void advance(int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            awaitNoBeatInFlight();
        }
    }

    @Test
    void aHealthyAgentBeatsAtOnceAndThenEveryInterval() throws Exception {
        heartbeats.use(Map.of("hc", receiver));
        clock.runDue();
        awaitNoBeatInFlight();

        advance(25);

        assertThat(beatSeconds(receiver)).containsExactly(0L, 10L, 20L);
    }

    @Test
    void aBeatSaysWhoBeatsAndWhereItsStatusIs() throws Exception {
        heartbeats.use(Map.of("hc", receiver));
        clock.runDue();
        awaitNoBeatInFlight();

        Heartbeat beat = receiver.beats.get(0);
        assertThat(beat.cluster()).isEqualTo("prod");
        assertThat(beat.agent()).isEqualTo("agent-1");
        assertThat(beat.statusUrl()).isEqualTo("http://agent-1:8080/status");
        assertThat(beat.at()).isEqualTo(start);
    }

    @Test
    void anUnhealthyAgentDoesNotBeatAndBeatsAtOnceWhenItIsHealthyAgain() throws Exception {
        heartbeats.use(Map.of("hc", receiver));
        clock.runDue();
        awaitNoBeatInFlight();

        healthy = false;
        advance(30);
        assertThat(beatSeconds(receiver)).containsExactly(0L);

        healthy = true;
        advance(1);
        assertThat(beatSeconds(receiver)).containsExactly(0L, 31L);
    }

    @Test
    void aSlowReceiverIsNeverCalledTwiceAtOnce() throws Exception {
        receiver.hold = new CountDownLatch(1);
        heartbeats.use(Map.of("hc", receiver));
        clock.runDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.beats.size() == 1);

        clock.advance(Duration.ofSeconds(30)); // three intervals while the first beat hangs
        assertThat(receiver.beats).hasSize(1);

        receiver.hold.countDown();
        awaitNoBeatInFlight();
        advance(1);
        assertThat(beatSeconds(receiver)).containsExactly(0L, 31L);
    }

    @Test
    void aReceiverThatThrowsIsCalledAgainAtTheNextBeat() throws Exception {
        receiver.explode = true;
        heartbeats.use(Map.of("hc", receiver));
        clock.runDue();
        awaitNoBeatInFlight();

        advance(10);

        assertThat(beatSeconds(receiver)).containsExactly(0L, 10L);
    }

    @Test
    void anAlerterKeptOverAReloadKeepsItsScheduleAndANewOneBeatsAtOnce() throws Exception {
        heartbeats.use(Map.of("hc", receiver));
        clock.runDue();
        awaitNoBeatInFlight();
        advance(5);

        Receiver added = new Receiver();
        heartbeats.use(Map.of("hc", receiver, "other", added));
        advance(6);

        assertThat(beatSeconds(receiver)).containsExactly(0L, 10L);
        assertThat(beatSeconds(added)).containsExactly(6L);
    }

    @Test
    void afterCloseNoMoreBeats() throws Exception {
        heartbeats.use(Map.of("hc", receiver));
        clock.runDue();
        awaitNoBeatInFlight();

        heartbeats.close();
        clock.advance(Duration.ofMinutes(1));

        assertThat(receiver.beats).hasSize(1);
    }

    @Test
    void noAlertersMeansNoSchedule() {
        heartbeats.use(Map.of());
        clock.advance(Duration.ofMinutes(1));
        assertThat(receiver.beats).isEmpty();
    }
}
