package io.zkmon.core.dispatch.internal;

import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.dispatch.AlertStateStore;
import io.zkmon.core.dispatch.Dispatcher;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.dispatch.RetryPolicy;
import io.zkmon.core.dispatch.SelfCondition;
import io.zkmon.core.dispatch.SendPermission;
import io.zkmon.core.dispatch.SilenceStore;
import io.zkmon.core.spec.Durations;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher users rely on (its promises: README, "What gets sent, and when"), as a pipeline of stages:
 * {@link IncidentPolicy} decides, the {@link SilenceGate} and the {@link PermissionGate} each check a decision once,
 * the {@link Outbox} keeps it in order and in the {@link AlertStateStore}, and {@link Delivery} sends it with retries
 * on the one bounded {@link DeliveryExecutor}; {@link Takeover} handles gaining and losing the permission to send and
 * {@link StatusView} shows it all; {@link SelfConditions} brings conditions of this agent itself into the same
 * pipeline. This class only wires them and carries calls to the dispatcher thread.
 *
 * <p>Threads: every decision runs on the {@link Scheduler}'s one thread; sends run on the delivery pool
 * ({@link Builder#deliveryThreads}, at most {@link Builder#deliveryThreadsPerAlerter} for one alerter), so a slow or
 * hung alerter never blocks evaluation, and cannot take every thread from the other alerters.
 *
 * <p>Lifecycle: building does no work; {@link #start()} registers the listeners and looks at the permission;
 * {@link #close()} lets deliveries in flight finish within a bound, then stops the pool.
 */
public final class DefaultDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultDispatcher.class);

    private final Scheduler scheduler;
    private final Duration flushTimeout;
    private final PathTable paths = new PathTable();
    private final PermissionGate permission;
    private final SilenceGate silences;
    private final StatusView status;
    private final Outbox outbox;
    private final DeliveryExecutor executor;
    private final Delivery delivery;
    private final IncidentPolicy policy;
    private final Takeover takeover;
    private final SelfConditions self;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Map<String, AlerterDefinition> alerters;
    private volatile boolean closed;

    private DefaultDispatcher(Builder b) {
        this.scheduler = b.scheduler;
        this.flushTimeout = b.flushTimeout;
        this.alerters = Map.copyOf(b.alerters);
        this.permission = new PermissionGate(b.permission, scheduler);
        this.silences = new SilenceGate(b.silences);
        this.status = new StatusView(b.agent, silences, permission, () -> alerters);
        this.outbox = new Outbox(b.store, permission);
        this.executor = b.executor != null ? DeliveryExecutor.on(b.executor, b.perAlerter)
                : DeliveryExecutor.pool(b.threads, b.perAlerter);
        this.delivery = new Delivery(scheduler, executor, permission, outbox, b.retry, () -> alerters, status,
                this::permissionChanged);
        this.policy = new IncidentPolicy(scheduler, Gate.all(silences, permission), outbox,
                new NotificationFactory(b.cluster, b.agent, b.statusUrl), () -> alerters, status, (tr, n, ids) -> {
                    outbox.enqueue(tr, n, ids);
                    delivery.pump(tr);
                });
        this.takeover = new Takeover(scheduler, permission, paths, outbox, policy, delivery, status, b.lookup);
        this.self = new SelfConditions(paths, policy, status, scheduler);
    }

    /** Starts building a dispatcher. */
    public static Builder builder() {
        return new Builder();
    }

    /** Registers with the send permission and the silences, and queues the first look at the permission. */
    @Override
    public void start() {
        if (closed || !started.compareAndSet(false, true)) {
            return;
        }
        permission.start(this::permissionChanged);
        silences.start(() -> scheduler.execute(() -> policy.recheck(paths.all())));
    }

    @Override
    public void accept(Transition t) {
        if (!closed && paths.wants(t)) {
            scheduler.execute(() -> policy.onTransition(paths.track(t.path()), t));
        }
    }

    @Override
    public void pathRemoved(String path, String reason) {
        if (paths.knows(path)) {
            scheduler.execute(() -> {
                Tracked tr = paths.get(path);
                if (tr != null) {
                    policy.removed(tr, reason);
                }
            });
        }
    }

    @Override
    public void selfCondition(SelfCondition c) {
        if (!closed) {
            scheduler.execute(() -> self.accept(c));
        }
    }

    @Override
    public void alertersChanged(Map<String, AlerterDefinition> next) {
        this.alerters = Map.copyOf(next);
        status.changed();
    }

    @Override
    public void primed() {
        scheduler.execute(takeover::primed);
    }

    private void permissionChanged() {
        takeover.permissionChanged();
    }

    @Override
    public long generation() {
        return status.generation();
    }

    @Override
    public DispatcherStatus status() {
        return status.snapshot();
    }

    /**
     * Lets sends in flight finish and queued ones go out (retries waiting for their backoff excepted) within the flush
     * timeout, recording their results (outbox, store), then stops: no more decisions on timers, no more sends, the
     * delivery pool interrupted. What was not confirmed stays in the shared outbox for the next sender.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        if (delivery.inFlight() > 0) {
            LOG.warn("{} notification(s) still being sent at shutdown; what was not confirmed stays in the outbox", delivery.inFlight());
        }
        closed = true;
        policy.close();
        delivery.close();
        executor.close();
    }

    private void flush() {
        long deadline = System.nanoTime() + flushTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> idle = new CompletableFuture<>();
            scheduler.execute(() -> idle.complete(delivery.inFlight() == 0
                    && paths.all().stream().filter(permission::holds).allMatch(outbox::settled)));
            try {
                if (idle.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return;
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Interrupted while waiting for deliveries to finish at shutdown");
                return;
            } catch (TimeoutException e) {
                LOG.warn("Deliveries did not finish within {} at shutdown (or the dispatcher thread did not answer)",
                        Durations.format(flushTimeout));
                return;
            } catch (ExecutionException e) {
                LOG.error("Could not ask the dispatcher thread whether deliveries are done (a bug in zkmon)", e.getCause());
                return;
            }
        }
        LOG.warn("Deliveries did not finish within {} at shutdown", Durations.format(flushTimeout));
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
        private Executor executor;
        private int threads = 16;
        private int perAlerter = 8;
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
            this.alerters = Objects.requireNonNull(a);
            return this;
        }

        /** Whether this agent may send (default: always). */
        public Builder permission(SendPermission p) {
            this.permission = Objects.requireNonNull(p);
            return this;
        }

        /** Where alert state is kept for the next sender (default: memory). */
        public Builder stateStore(AlertStateStore s) {
            this.store = Objects.requireNonNull(s);
            return this;
        }

        /** Where silences are kept (default: memory). */
        public Builder silences(SilenceStore s) {
            this.silences = Objects.requireNonNull(s);
            return this;
        }

        /** How failed deliveries are retried. */
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

        /** Threads of the delivery pool, shared by all alerters (default 16, made on demand). */
        public Builder deliveryThreads(int n) {
            this.threads = n;
            return this;
        }

        /**
         * Sends one alerter (by display name) may have running at once (default 8, half the default pool); must be below
         * {@link #deliveryThreads}, so that a hung alerter leaves threads to the others.
         */
        public Builder deliveryThreadsPerAlerter(int n) {
            this.perAlerter = n;
            return this;
        }

        /**
         * Runs sends on this executor instead of a pool of the dispatcher's own (tests: {@code Runnable::run}); the
         * per-alerter limit still applies, the thread count is the executor's business.
         */
        public Builder deliveryExecutor(Executor e) {
            this.executor = Objects.requireNonNull(e);
            return this;
        }

        /** How to ask the engine for a path's current state when taking over. */
        public Builder lookup(PathLookup l) {
            this.lookup = Objects.requireNonNull(l);
            return this;
        }

        /** How long {@link #close()} waits for deliveries in flight. */
        public Builder flushTimeout(Duration d) {
            this.flushTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Checks the settings and wires the stages; starts nothing (see {@link DefaultDispatcher#start()}). */
        public DefaultDispatcher build() {
            Objects.requireNonNull(scheduler, "scheduler");
            if (perAlerter < 1 || (executor == null && perAlerter >= threads)) {
                throw new IllegalArgumentException("delivery threads: need 1 <= per alerter < threads, got " + perAlerter + " of " + threads);
            }
            return new DefaultDispatcher(this);
        }
    }
}
