package io.zkmon.core.dispatch;

import io.zkmon.core.PathStatus;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.State;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher users rely on. Per path:
 * <ul>
 *   <li>out of spec: wait the spec's {@code cancel_timeout}; back in spec meanwhile sends nothing; every new dip
 *       restarts the wait;</li>
 *   <li>after the wait: one firing notification to each of the path's alerters, then nothing more while it stays out
 *       of spec, except every {@code repeat_interval} when set;</li>
 *   <li>back in spec after a firing went out: one resolved notification; before: nothing;</li>
 *   <li>{@code UNKNOWN} never notifies, and coming back from it to the state already notified sends nothing;</li>
 *   <li>silenced paths send nothing until the silence ends, then fire if still out of spec;</li>
 *   <li>deliveries run on each alerter's own small pool, in order per path and alerter, with retries on the
 *       {@link RetryPolicy}; a slow or failing alerter never blocks evaluation or other alerters.</li>
 * </ul>
 * All decisions run on one {@link Scheduler} thread; the {@link AlertStateStore} holds what another agent needs to
 * continue (the outbox of undelivered notifications included), written only while {@link SendPermission} allows.
 */
public final class DefaultDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultDispatcher.class);

    private final Scheduler scheduler;
    private final SendPermission permission;
    private final AlertStateStore store;
    private final SilenceStore silences;
    private final RetryPolicy retry;
    private final String cluster;
    private final String agent;
    private final String statusUrl;
    private final Function<String, Executor> executorFactory;
    private final PathLookup lookup;
    private final Duration flushTimeout;
    private volatile Map<String, AlerterDefinition> alerters;

    // dispatcher-thread state
    private final Map<String, Tracked> paths = new java.util.HashMap<>();
    private boolean permitted;

    // shared with other threads
    private final Set<String> trackedPaths = ConcurrentHashMap.newKeySet();
    private final Map<String, DispatcherStatus.PathAlert> published = new ConcurrentHashMap<>();
    private final Map<String, Map<DeliveryOutcome, LongAdder>> counters = new ConcurrentHashMap<>();
    private final Map<String, Executor> executors = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean alertingNow;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong(1);

    private DefaultDispatcher(Builder b) {
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.permission = b.permission;
        this.store = b.store;
        this.silences = b.silences;
        this.retry = b.retry;
        this.cluster = b.cluster;
        this.agent = b.agent;
        this.statusUrl = b.statusUrl;
        this.executorFactory = b.executorFactory != null ? b.executorFactory : this::newPool;
        this.lookup = b.lookup;
        this.flushTimeout = b.flushTimeout;
        this.alerters = Map.copyOf(b.alerters);
        permission.addListener(() -> scheduler.execute(this::permissionChanged));
        silences.addListener(() -> scheduler.execute(this::recheckAll));
        scheduler.execute(this::permissionChanged);
    }

    /** Starts building a dispatcher. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void accept(Transition t) {
        if (closed) {
            return;
        }
        // Paths that never went out of spec need no state: skip them here, on the caller's thread, so a start-up
        // with 100k in-spec paths costs the dispatcher nothing. A path once tracked stays tracked (no race).
        if (t.state() == State.ERROR) {
            trackedPaths.add(t.path());
        } else if (!trackedPaths.contains(t.path())) {
            return;
        }
        scheduler.execute(() -> onTransition(t));
    }

    @Override
    public void pathRemoved(String path, String reason) {
        if (trackedPaths.contains(path)) {
            scheduler.execute(() -> removed(path, reason));
        }
    }

    @Override
    public void alertersChanged(Map<String, AlerterDefinition> next) {
        this.alerters = Map.copyOf(next);
        generation.incrementAndGet();
    }

    // ---- decisions (dispatcher thread) ----

    private void onTransition(Transition t) {
        Tracked tr = paths.computeIfAbsent(t.path(), Tracked::new);
        tr.spec = t.spec();
        tr.current = t.current();
        tr.childCount = t.childCount();
        AlertState s = tr.state;
        if (s.incidentStart() != null) {
            tr.accumulate(t.added(), t.removed());
        }
        switch (t.state()) {
            case ERROR -> {
                if (s.incidentStart() == null) {
                    startIncident(tr, t);
                }
                check(tr);
            }
            case OK -> {
                if (s.notified()) {
                    resolve(tr, t.current().message());
                } else if (s.incidentStart() != null) {
                    LOG.info("{} back in spec within its grace period; nothing sent", tr.path);
                    tr.cancelTimer();
                    update(tr, AlertState.clear(tr.path));
                }
            }
            default -> {
                // UNKNOWN: no information. Timers keep running; check() waits for a known state.
            }
        }
        publish(tr);
    }

    private void startIncident(Tracked tr, Transition t) {
        tr.added.clear();
        tr.removed.clear();
        tr.accumulate(t.added(), t.removed());
        update(tr, new AlertState(tr.path, t.at(), false, null, null, null, tr.state.outbox()));
        if (!tr.spec.alerters().isEmpty()) {
            LOG.info("{} out of spec: {}; alerting in {} unless it recovers", tr.path, t.current().message(),
                    io.zkmon.core.spec.Durations.format(tr.spec.cancelTimeout()));
        }
    }

    /** Fires or schedules whatever is due for a path that is out of spec. */
    private void check(Tracked tr) {
        tr.cancelTimer();
        AlertState s = tr.state;
        if (tr.current == null || tr.current.state() != State.ERROR || s.incidentStart() == null || tr.spec == null) {
            return;
        }
        Instant now = scheduler.now();
        Instant due;
        boolean repeat = s.notified();
        if (!repeat) {
            due = s.incidentStart().plus(tr.spec.cancelTimeout());
        } else if (s.nextRepeatAt() != null && !tr.spec.repeatInterval().isZero()) {
            due = s.nextRepeatAt();
        } else {
            return;
        }
        if (now.isBefore(due)) {
            schedule(tr, due);
            return;
        }
        if (tr.spec.alerters().isEmpty()) {
            return;
        }
        Optional<Silence> silence = silences.covering(tr.path, now);
        if (silence.isPresent()) {
            tr.silencedUntil = silence.get().until();
            schedule(tr, tr.silencedUntil);
            return;
        }
        tr.silencedUntil = null;
        if (!permitted || !permission.isPermitted()) {
            if (permitted) {
                scheduler.execute(this::permissionChanged);
            }
            return;
        }
        fire(tr, repeat, now);
    }

    private void schedule(Tracked tr, Instant when) {
        tr.timer = scheduler.schedule(Duration.between(scheduler.now(), when), () -> {
            tr.timer = null;
            check(tr);
            publish(tr);
        });
    }

    private void fire(Tracked tr, boolean repeat, Instant now) {
        AlertState s = tr.state;
        String dedupKey = s.dedupKey() != null ? s.dedupKey() : cluster + ":" + tr.path + ":" + s.incidentStart().toEpochMilli();
        Notification n = new Notification(Notification.Kind.FIRING, tr.path, State.ERROR, State.OK, tr.current.message(),
                tr.childCount, List.copyOf(tr.added), List.copyOf(tr.removed), cluster, agent, s.incidentStart(), now,
                dedupKey, repeat, statusUrl);
        Instant nextRepeat = tr.spec.repeatInterval().isZero() ? null : now.plus(tr.spec.repeatInterval());
        tr.state = new AlertState(tr.path, s.incidentStart(), true, repeat ? s.notifiedAt() : now, dedupKey, nextRepeat, s.outbox());
        LOG.info("{} {}: {}", repeat ? "Repeating alert for" : "Alerting for", tr.path, n.message());
        enqueue(tr, n, tr.spec.alerters());
        if (nextRepeat != null) {
            schedule(tr, nextRepeat);
        }
        if (tr.refreshTimer == null) {
            scheduleRefresh(tr);
        }
    }

    /** Keeps re-sending the firing notification to alerters that forget unrefreshed alerts, while it is firing. */
    private void scheduleRefresh(Tracked tr) {
        Duration every = Duration.ZERO;
        for (String id : tr.spec.alerters()) {
            AlerterDefinition def = alerters.get(id);
            Duration d = def == null ? Duration.ZERO : def.alerter().refreshInterval();
            if (!d.isZero() && (every.isZero() || d.compareTo(every) < 0)) {
                every = d;
            }
        }
        if (every.isZero()) {
            return;
        }
        tr.refreshTimer = scheduler.schedule(every, () -> {
            tr.refreshTimer = null;
            if (!tr.state.notified() || tr.current == null || tr.current.state() != State.ERROR || !permitted || closed) {
                return;
            }
            List<String> targets = new ArrayList<>();
            for (String id : tr.spec.alerters()) {
                AlerterDefinition def = alerters.get(id);
                Lane lane = tr.lanes.get(id);
                boolean queued = lane != null && !lane.items.isEmpty();
                if (def != null && !def.alerter().refreshInterval().isZero() && !queued) {
                    targets.add(id);
                }
            }
            if (!targets.isEmpty()) {
                AlertState s = tr.state;
                enqueue(tr, new Notification(Notification.Kind.FIRING, tr.path, State.ERROR, State.OK, tr.current.message(), tr.childCount,
                        List.copyOf(tr.added), List.copyOf(tr.removed), cluster, agent, s.incidentStart(), scheduler.now(), s.dedupKey(),
                        true, statusUrl), targets);
            }
            scheduleRefresh(tr);
        });
    }

    private void resolve(Tracked tr, String message) {
        AlertState s = tr.state;
        tr.cancelTimer();
        tr.cancelRefresh();
        Notification n = new Notification(Notification.Kind.RESOLVED, tr.path, State.OK, State.ERROR, message, tr.childCount,
                List.copyOf(tr.added), List.copyOf(tr.removed), cluster, agent, s.incidentStart(), scheduler.now(),
                s.dedupKey(), false, statusUrl);
        tr.state = new AlertState(tr.path, null, false, null, null, null, s.outbox());
        tr.added.clear();
        tr.removed.clear();
        LOG.info("{} back in spec: sending recovery", tr.path);
        if (permitted) {
            enqueue(tr, n, tr.spec.alerters());
        }
    }

    private void removed(String path, String reason) {
        Tracked tr = paths.get(path);
        if (tr == null) {
            return;
        }
        if (tr.state.notified()) {
            resolve(tr, reason);
        } else {
            tr.cancelTimer();
            update(tr, new AlertState(path, null, false, null, null, null, tr.state.outbox()));
        }
        tr.current = null;
        publish(tr);
    }

    /** Adds a notification to the lane of each alerter, persists the outbox, and starts delivery. */
    private void enqueue(Tracked tr, Notification n, List<String> alerterIds) {
        for (String id : alerterIds) {
            tr.lanes.computeIfAbsent(id, Lane::new).items.addLast(new PendingDelivery(id, n, null, 0));
        }
        persist(tr);
        tr.lanes.values().forEach(lane -> pump(tr, lane));
    }

    private void update(Tracked tr, AlertState next) {
        tr.state = next;
        persist(tr);
    }

    private void persist(Tracked tr) {
        List<PendingDelivery> outbox = new ArrayList<>();
        tr.lanes.values().forEach(l -> outbox.addAll(l.items));
        AlertState s = tr.state;
        tr.state = new AlertState(s.path(), s.incidentStart(), s.notified(), s.notifiedAt(), s.dedupKey(), s.nextRepeatAt(), outbox);
        if (permitted) {
            try {
                store.put(tr.state);
            } catch (RuntimeException e) {
                LOG.warn("Could not store alert state of {}: {}", tr.path, e.toString());
            }
        }
    }

    // ---- delivery ----

    private void pump(Tracked tr, Lane lane) {
        if (!lane.idle() || lane.items.isEmpty() || !permitted || closed) {
            return;
        }
        if (!permission.isPermitted()) {
            // our cached view is behind (the listener's task is queued): ask, never assume
            scheduler.execute(this::permissionChanged);
            return;
        }
        PendingDelivery head = lane.items.peekFirst();
        AlerterDefinition def = alerters.get(head.alerter());
        if (def == null) {
            LOG.warn("Dropping a notification for {}: alerter '{}' is no longer configured", tr.path, head.alerter());
            lane.items.pollFirst();
            persist(tr);
            pump(tr, lane);
            return;
        }
        Instant now = scheduler.now();
        PendingDelivery attempt = new PendingDelivery(head.alerter(), head.notification(),
                head.firstAttempt() == null ? now : head.firstAttempt(), head.attempts() + 1);
        lane.items.pollFirst();
        lane.items.addFirst(attempt);
        lane.busy = true;
        inFlight.incrementAndGet();
        Runnable send = () -> {
            // asked again on the sending thread, right before the send: a leader that froze must not wake up and send
            SendResult r = permission.isPermitted() ? safeSend(def.alerter(), attempt.notification()) : null;
            inFlight.decrementAndGet();
            scheduler.execute(() -> {
                if (r == null) {
                    lane.busy = false;
                    permissionChanged();
                } else {
                    delivered(tr, lane, attempt, def, r);
                }
            });
        };
        try {
            executors.computeIfAbsent(def.id(), executorFactory).execute(send);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            lane.busy = false;
        }
    }

    private static SendResult safeSend(Alerter alerter, Notification n) {
        try {
            SendResult r = alerter.send(n);
            return r != null ? r : SendResult.retryable("alerter returned no result");
        } catch (RuntimeException | LinkageError e) {
            // The message may carry a secret (a URL with a token, a password echoed back): show only the type.
            return SendResult.retryable("unexpected " + e.getClass().getSimpleName());
        }
    }

    private void delivered(Tracked tr, Lane lane, PendingDelivery attempt, AlerterDefinition def, SendResult r) {
        lane.busy = false;
        if (lane.items.peekFirst() != attempt) {
            return; // the lane was reset (permission lost): the next leader delivers from the stored outbox
        }
        Instant now = scheduler.now();
        Notification n = attempt.notification();
        DeliveryOutcome outcome;
        switch (r.outcome()) {
            case SENT -> {
                outcome = DeliveryOutcome.SENT;
                lane.items.pollFirst();
                LOG.info("Sent {} notification for {} via {}", n.kind().name().toLowerCase(), n.path(), def.name());
            }
            case PERMANENT -> {
                outcome = DeliveryOutcome.FAILED;
                lane.items.pollFirst();
                LOG.error("Gave up a {} notification for {} via {}: {} (permanent failure)", n.kind().name().toLowerCase(), n.path(),
                        def.name(), r.detail());
            }
            default -> {
                Duration delay = retry.nextDelay(attempt.attempts(), Duration.between(attempt.firstAttempt(), now));
                if (delay == null) {
                    outcome = DeliveryOutcome.GAVE_UP;
                    lane.items.pollFirst();
                    LOG.error("Gave up a {} notification for {} via {} after {} attempts: {}", n.kind().name().toLowerCase(), n.path(),
                            def.name(), attempt.attempts(), r.detail());
                } else {
                    outcome = DeliveryOutcome.RETRY;
                    LOG.warn("Could not send {} notification for {} via {} (attempt {}): {}; retrying in {}", n.kind().name().toLowerCase(),
                            n.path(), def.name(), attempt.attempts(), r.detail(), io.zkmon.core.spec.Durations.format(delay));
                    lane.retryTimer = scheduler.schedule(delay, () -> {
                        lane.retryTimer = null;
                        pump(tr, lane);
                    });
                }
            }
        }
        counters.computeIfAbsent(def.name(), k -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, k -> new LongAdder()).increment();
        generation.incrementAndGet();
        tr.record(new DeliveryRecord(def.name(), n.kind(), outcome, attempt.attempts(), now, r.detail()));
        if (outcome != DeliveryOutcome.RETRY) {
            persist(tr);
            pump(tr, lane);
        }
        publish(tr);
    }

    private Executor newPool(String alerterId) {
        AlerterDefinition def = alerters.get(alerterId);
        String name = "zkmon-alerter-" + (def == null ? alerterId : def.name());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    // ---- leadership and silences ----

    private void permissionChanged() {
        boolean now = permission.isPermitted();
        if (now == permitted) {
            return;
        }
        permitted = now;
        alertingNow = now;
        generation.incrementAndGet();
        if (!now) {
            LOG.warn("This agent may no longer send alerts; standing by");
            // Stop at once. What was not confirmed stays in the shared outbox for the next sender.
            paths.values().forEach(tr -> {
                tr.lanes.values().forEach(Lane::reset);
                tr.cancelRefresh();
            });
            return;
        }
        LOG.info("This agent now sends alerts; loading shared alert state");
        Map<String, AlertState> stored;
        try {
            stored = store.loadAll();
        } catch (RuntimeException e) {
            LOG.warn("Could not load shared alert state: {}", e.toString());
            stored = Map.of();
        }
        for (AlertState s : stored.values()) {
            Tracked tr = paths.computeIfAbsent(s.path(), Tracked::new);
            trackedPaths.add(s.path());
            tr.lanes.values().forEach(Lane::reset);
            tr.lanes.clear();
            for (PendingDelivery d : s.outbox()) {
                tr.lanes.computeIfAbsent(d.alerter(), Lane::new).items.addLast(d);
            }
            tr.state = s;
        }
        for (Tracked tr : List.copyOf(paths.values())) {
            if (!stored.containsKey(tr.path)) {
                tr.lanes.values().forEach(Lane::reset);
                // seen while standing by; the old sender never stored it, so nothing went out for it
                tr.state = new AlertState(tr.path, tr.state.incidentStart(), false, null, null, null, List.of());
                if (!tr.state.isClear()) {
                    persist(tr);
                }
            }
            reconcile(tr);
        }
    }

    /** After taking over: act on the difference between the stored state and what is observed now. */
    private void reconcile(Tracked tr) {
        if (tr.current == null) {
            PathStatus st = lookup.status(tr.path);
            if (st != null) {
                tr.spec = st.spec();
                tr.current = st.compliance();
                tr.childCount = st.childCount();
            } else if (lookup.primed() && tr.spec == null) {
                forget(tr);
                return;
            }
        }
        Compliance c = tr.current;
        if (c != null && tr.spec != null) {
            if (c.state() == State.OK) {
                if (tr.state.notified()) {
                    resolve(tr, c.message());
                } else if (tr.state.incidentStart() != null) {
                    update(tr, AlertState.clear(tr.path));
                }
            } else if (c.state() == State.ERROR) {
                if (tr.state.incidentStart() == null) {
                    update(tr, new AlertState(tr.path, scheduler.now(), false, null, null, null, tr.state.outbox()));
                }
                check(tr);
                if (tr.state.notified() && tr.refreshTimer == null) {
                    scheduleRefresh(tr);
                }
            }
        }
        tr.lanes.values().forEach(lane -> pump(tr, lane));
        publish(tr);
    }

    /** Shared state for a path no config watches any more: close what was opened, then drop it. */
    private void forget(Tracked tr) {
        if (tr.state.notified() && !tr.state.outbox().isEmpty() && tr.lanes.values().stream().anyMatch(l -> !l.items.isEmpty())) {
            tr.lanes.values().forEach(lane -> pump(tr, lane));
            return; // deliver what is owed first; the next reconcile forgets it
        }
        LOG.info("Forgetting alert state of {}: it is no longer watched", tr.path);
        tr.cancelTimer();
        tr.cancelRefresh();
        tr.lanes.values().forEach(Lane::reset);
        paths.remove(tr.path);
        published.remove(tr.path);
        if (permitted) {
            try {
                store.remove(tr.path);
            } catch (RuntimeException e) {
                LOG.warn("Could not remove alert state of {}: {}", tr.path, e.toString());
            }
        }
    }

    @Override
    public void primed() {
        scheduler.execute(() -> {
            if (permitted) {
                for (Tracked tr : List.copyOf(paths.values())) {
                    if (tr.current == null) {
                        reconcile(tr);
                    }
                }
            }
        });
    }

    private void recheckAll() {
        for (Tracked tr : paths.values()) {
            if (tr.state.incidentStart() != null) {
                check(tr);
                publish(tr);
            }
        }
    }

    // ---- status ----

    @Override
    public long generation() {
        return generation.get();
    }

    private void publish(Tracked tr) {
        generation.incrementAndGet();
        Instant silencedUntil = tr.silencedUntil;
        if (silencedUntil == null && tr.state.incidentStart() != null) {
            silencedUntil = silences.covering(tr.path, scheduler.now()).map(Silence::until).orElse(null);
        }
        published.put(tr.path, new DispatcherStatus.PathAlert(tr.path, tr.state.incidentStart(), tr.state.notified(),
                tr.state.notifiedAt(), silencedUntil, List.copyOf(tr.recent)));
    }

    @Override
    public DispatcherStatus status() {
        Map<String, Map<DeliveryOutcome, Long>> counts = new TreeMap<>();
        counters.forEach((name, byOutcome) -> {
            Map<DeliveryOutcome, Long> m = new java.util.EnumMap<>(DeliveryOutcome.class);
            byOutcome.forEach((o, n) -> m.put(o, n.sum()));
            counts.put(name, m);
        });
        List<String> names = alerters.values().stream().map(AlerterDefinition::name).distinct().sorted().toList();
        return new DispatcherStatus(agent, names, alertingNow, new TreeMap<>(published), counts);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        // flush: let sends in flight finish and queued ones go out (retries waiting for their backoff excepted),
        // within a bound, and record their results (outbox, store) before stopping
        long deadline = System.nanoTime() + flushTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            java.util.concurrent.CompletableFuture<Boolean> idle = new java.util.concurrent.CompletableFuture<>();
            scheduler.execute(() -> idle.complete(inFlight.get() == 0 && paths.values().stream()
                    .allMatch(tr -> tr.lanes.values().stream().allMatch(l -> l.items.isEmpty() || l.retryTimer != null || !permitted))));
            try {
                if (idle.get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    break;
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                break;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn("{} notification(s) still being sent at shutdown", inFlight.get());
        }
        closed = true;
        executors.values().forEach(e -> {
            if (e instanceof ExecutorService es) {
                es.shutdownNow();
            }
        });
    }

    /** Builds a {@link DefaultDispatcher}. */
    public static final class Builder {
        private Scheduler scheduler;
        private SendPermission permission = SendPermission.ALWAYS;
        private AlertStateStore store = AlertStateStore.inMemory();
        private SilenceStore silences = SilenceStore.inMemory();
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private String cluster = "zkmonitor";
        private String agent = "zkmon";
        private String statusUrl;
        private Function<String, Executor> executorFactory;
        private PathLookup lookup = PathLookup.NONE;
        private Duration flushTimeout = Duration.ofSeconds(3);
        private Map<String, AlerterDefinition> alerters = Map.of();

        private Builder() {
        }

        /** The thread and clock for all decisions (required). */
        public Builder scheduler(Scheduler s) {
            this.scheduler = s;
            return this;
        }

        /** Alerters by id. */
        public Builder alerters(Map<String, AlerterDefinition> a) {
            this.alerters = a;
            return this;
        }

        public Builder permission(SendPermission p) {
            this.permission = Objects.requireNonNull(p);
            return this;
        }

        public Builder stateStore(AlertStateStore s) {
            this.store = Objects.requireNonNull(s);
            return this;
        }

        public Builder silences(SilenceStore s) {
            this.silences = Objects.requireNonNull(s);
            return this;
        }

        public Builder retry(RetryPolicy r) {
            this.retry = Objects.requireNonNull(r);
            return this;
        }

        /** Cluster name carried in notifications and dedup keys. */
        public Builder cluster(String c) {
            this.cluster = Objects.requireNonNull(c);
            return this;
        }

        /** This agent's name, carried in notifications and status. */
        public Builder agent(String a) {
            this.agent = Objects.requireNonNull(a);
            return this;
        }

        /** A link to this agent's {@code /status} for notifications, or null. */
        public Builder statusUrl(String url) {
            this.statusUrl = url;
            return this;
        }

        /** Where each alerter's sends run (by alerter id); the default is a small pool per alerter. */
        public Builder executors(Function<String, Executor> factory) {
            this.executorFactory = factory;
            return this;
        }

        /** How to ask the engine for a path's current status when taking over. */
        public Builder lookup(PathLookup l) {
            this.lookup = Objects.requireNonNull(l);
            return this;
        }

        /** How long {@link #close()} waits for deliveries in flight. */
        public Builder flushTimeout(Duration d) {
            this.flushTimeout = Objects.requireNonNull(d);
            return this;
        }

        public DefaultDispatcher build() {
            return new DefaultDispatcher(this);
        }
    }
}
