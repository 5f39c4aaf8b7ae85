package io.zkmon.core.dispatch.internal;

import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.dispatch.DeliveryOutcome;
import io.zkmon.core.dispatch.DispatcherStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What status pages and metrics see of the dispatcher: per path alert activity published from the dispatcher thread,
 * delivery counters, and a generation that changes whenever {@link #snapshot()} would answer differently. Read on any
 * thread.
 */
final class StatusView {

    private final String agent;
    private final SilenceGate silences;
    private final PermissionGate permission;
    private final Supplier<Map<String, AlerterDefinition>> alerters;
    private final Map<String, DispatcherStatus.PathAlert> published = new ConcurrentHashMap<>();
    private final Map<String, Map<DeliveryOutcome, LongAdder>> counters = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong(1);

    StatusView(String agent, SilenceGate silences, PermissionGate permission, Supplier<Map<String, AlerterDefinition>> alerters) {
        this.agent = agent;
        this.silences = silences;
        this.permission = permission;
        this.alerters = alerters;
    }

    /** Publishes a path's alert activity (dispatcher thread). */
    void publish(Tracked tr, Instant now) {
        generation.incrementAndGet();
        Instant silencedUntil = tr.silencedUntil;
        if (silencedUntil == null && tr.state.incidentStart() != null) {
            silencedUntil = silences.coveredUntil(tr.path, now);
        }
        published.put(tr.path, new DispatcherStatus.PathAlert(tr.path, tr.state.incidentStart(), tr.state.notified(),
                tr.state.notifiedAt(), silencedUntil, List.copyOf(tr.recent)));
    }

    /** Stops showing a path. */
    void remove(String path) {
        if (published.remove(path) != null) {
            generation.incrementAndGet();
        }
    }

    /** Counts one delivery attempt's outcome, by the alerter's display name. */
    void count(String alerterName, DeliveryOutcome outcome) {
        counters.computeIfAbsent(alerterName, k -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, k -> new LongAdder()).increment();
        generation.incrementAndGet();
    }

    /** Something else shown changed (alerters, permission). */
    void changed() {
        generation.incrementAndGet();
    }

    long generation() {
        return generation.get();
    }

    DispatcherStatus snapshot() {
        Map<String, Map<DeliveryOutcome, Long>> counts = new TreeMap<>();
        counters.forEach((name, byOutcome) -> {
            Map<DeliveryOutcome, Long> m = new EnumMap<>(DeliveryOutcome.class);
            byOutcome.forEach((o, n) -> m.put(o, n.sum()));
            counts.put(name, m);
        });
        List<String> names = alerters.get().values().stream().map(AlerterDefinition::name).distinct().sorted().toList();
        return new DispatcherStatus(agent, names, permission.alerting(), new TreeMap<>(published), counts);
    }
}
