package io.zkmon.core.dispatch.internal;

import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.RetryPolicy;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The dispatcher's stages wired as {@link DefaultDispatcher} wires them, on a clock the test drives, each one
 * reachable. Sends run on {@link #executor} (inline by default).
 */
final class Stages {
    final ManualScheduler clock = new ManualScheduler();
    final TestPermission leader = new TestPermission(true);
    final AlertStateStore store = AlertStateStore.inMemory();
    final SilenceStore silences = SilenceStore.inMemory();
    final Map<String, AlerterDefinition> alerters = new HashMap<>();
    final List<String> sentToNext = new ArrayList<>();
    RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 10, Duration.ofMinutes(5));
    PathLookup lookup = PathLookup.NONE;
    Executor executor = Runnable::run;

    PathTable paths;
    PermissionGate permission;
    SilenceGate silenceGate;
    StatusView status;
    Outbox outbox;
    DeliveryExecutor pool;
    Delivery delivery;
    IncidentPolicy policy;
    Takeover takeover;

    /** Wires the stages (call after setting the fields above) and lets the permission be looked at once. */
    Stages wire() {
        paths = new PathTable();
        permission = new PermissionGate(leader, clock);
        silenceGate = new SilenceGate(silences);
        status = new StatusView("agent-1", silenceGate, permission, () -> alerters);
        outbox = new Outbox(store, permission);
        pool = DeliveryExecutor.on(executor, 4);
        delivery = new Delivery(clock, pool, permission, outbox, retry, () -> alerters, status, () -> takeover.permissionChanged());
        policy = new IncidentPolicy(clock, Gate.all(silenceGate, permission), outbox, new NotificationFactory("prod", "agent-1", null),
                () -> alerters, status, (tr, n, ids) -> {
                    ids.forEach(id -> sentToNext.add(n.kind() + " " + id));
                    outbox.enqueue(tr, n, ids);
                    delivery.pump(tr);
                });
        takeover = new Takeover(clock, permission, paths, outbox, policy, delivery, status, lookup);
        permission.start(takeover::permissionChanged);
        clock.runDue();
        return this;
    }

    Recording alerter(String id) {
        Recording r = new Recording();
        alerters.put(id, r.as(id, id));
        return r;
    }
}
