package io.zkmon.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkmon.core.spec.Transition;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.dispatch.DeliveryRecord;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** With real threads: an alerter that hangs or throws holds up nothing else. */
class DispatcherIsolationTest {

    @Test
    void aHangingOrThrowingAlerterBlocksNeitherEvaluationNorOtherAlerters() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Alerter hanging = n -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SendResult.sent();
        };
        Alerter throwing = n -> {
            throw new IllegalStateException("token=hunter2 leaked in a message");
        };
        List<Notification> fast = new CopyOnWriteArrayList<>();
        Alerter working = n -> {
            fast.add(n);
            return SendResult.sent();
        };
        try (Scheduler scheduler = Scheduler.system("test-dispatch")) {
            DefaultDispatcher d = DefaultDispatcher.builder().scheduler(scheduler)
                    .alerters(Map.of(
                            "slow", new AlerterDefinition("slow", "slow", "x", hanging, null),
                            "bad", new AlerterDefinition("bad", "bad", "x", throwing, null),
                            "ok", new AlerterDefinition("ok", "ok", "x", working, null)))
                    .flushTimeout(Duration.ofMillis(100))
                    .build();
            d.start();
            for (int i = 0; i < 50; i++) {
                PathSpec s = new PathSpec("/p" + i, List.of(), Duration.ZERO, Duration.ZERO, List.of("slow", "bad", "ok"));
                long before = System.nanoTime();
                d.accept(new Transition(s, Compliance.OK, Compliance.error("down"), 0, List.of(), List.of(), Instant.now()));
                assertThat(System.nanoTime() - before).as("accept() must not block").isLessThan(Duration.ofSeconds(1).toNanos());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> fast.size() == 50);
            await().atMost(Duration.ofSeconds(10)).until(() -> d.status().counters().getOrDefault("bad", Map.of())
                    .getOrDefault(DeliveryOutcome.RETRY, 0L) >= 50);
            DeliveryRecord bad = d.status().paths().get("/p0").recent().stream().filter(r -> r.alerter().equals("bad")).findFirst().orElseThrow();
            assertThat(bad.detail()).isEqualTo("unexpected IllegalStateException").doesNotContain("hunter2");
            release.countDown();
            d.close();
        }
    }
}
