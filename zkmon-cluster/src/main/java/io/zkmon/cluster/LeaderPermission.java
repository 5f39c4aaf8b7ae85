package io.zkmon.cluster;

import io.zkmon.core.dispatch.SendPermission;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this agent may send alerts: only while it holds the alerting lock, has read the shared state for this term,
 * is connected, and holds a <em>lease</em>.
 *
 * <p>The lease: ZooKeeper cannot expire a session sooner than one session timeout {@code T} after it last heard from
 * the client. Each time this agent proves its lock node still exists in its session (when it wins the lock, then
 * every {@code T/6}), it may send for {@code 2T/3} counted from <em>before</em> that request left. So even a process
 * that froze (a long GC pause, a suspended VM) and has not yet noticed its disconnection stops before the server could
 * have expired its session and let another agent lead. A disconnection ({@code SUSPENDED}) stops it at once.
 *
 * <p>The term (lock node, lease) changes only on the control thread; {@link #isPermitted()} is a few volatile reads.
 */
final class LeaderPermission implements SendPermission, AlertingElection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderPermission.class);

    private final CuratorFramework client;
    private final TermStart termStart;
    private final Executor control;
    private final LongSupplier nanos;
    private final Clock clock;
    private final Consumer<Instant> leadershipChanged;
    private final Runnable lockLost;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong leaseUntil;

    private volatile String fence;
    private volatile long fenceSession;
    private volatile long leaseNanos = TimeUnit.SECONDS.toNanos(1);
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile Instant leadingSince;
    private boolean lastAnswer;

    /** What must succeed before a new term may send: reading the shared state. */
    @FunctionalInterface
    interface TermStart {
        void prepare(String lockNode) throws Exception;
    }

    /**
     * @param termStart         reads the shared state for a new term (the store's {@code prepare})
     * @param control           the cluster's control thread
     * @param nanos             the monotonic clock ({@code System::nanoTime})
     * @param leadershipChanged told (on the control thread) when this agent starts leading (with the time) or stops (null)
     * @param lockLost          asked to re-run the election when the lock node turns out to be gone
     */
    LeaderPermission(CuratorFramework client, TermStart termStart, Executor control, LongSupplier nanos, Clock clock,
                     Consumer<Instant> leadershipChanged, Runnable lockLost) {
        this.client = client;
        this.termStart = termStart;
        this.control = control;
        this.nanos = nanos;
        this.leaseUntil = new AtomicLong(nanos.getAsLong());
        this.clock = clock;
        this.leadershipChanged = leadershipChanged;
        this.lockLost = lockLost;
    }

    @Override
    public boolean isPermitted() {
        return fence != null && connected && !closed && nanos.getAsLong() - leaseUntil.get() < 0;
    }

    @Override
    public void addListener(Runnable onChange) {
        listeners.add(onChange);
    }

    /** The lock node of the current term, or null when not leading. */
    String fence() {
        return fence;
    }

    /** When this term began, or null when not leading. */
    Instant leadingSince() {
        return leadingSince;
    }

    // ---- election outcome (control thread) ----

    @Override
    public void leading(String lockNode, long sessionId, long confirmedNanos) {
        if (closed) {
            return;
        }
        if (!lockNode.equals(fence)) {
            if (fence != null) {
                endTerm("its lock node changed");
            }
            try {
                // read what the previous leader left before sending anything
                termStart.prepare(lockNode);
            } catch (Exception e) {
                LOG.warn("{}; not sending alerts until it can be read", Znodes.explain(e, "This agent holds the alerting lock but cannot "
                        + "read the shared alert state"));
                changed();
                return;
            }
            leaseNanos = sessionTimeoutNanos() * 2 / 3;
            fenceSession = sessionId;
            leadingSince = clock.instant();
            fence = lockNode;
            LOG.info("This agent now sends alerts (alerting lock {})", lockNode);
            leadershipChanged.accept(leadingSince);
        }
        extendLease(confirmedNanos);
        changed();
    }

    @Override
    public void following(String why) {
        if (fence != null) {
            endTerm(why);
        }
        changed();
    }

    private void endTerm(String why) {
        fence = null;
        leadingSince = null;
        leaseUntil.set(nanos.getAsLong());
        LOG.warn("This agent no longer sends alerts: {}", why);
        leadershipChanged.accept(null);
    }

    // ---- connection (Curator's thread: takes effect at once) ----

    /** Applies a connection change: a disconnection stops sending at once; the rest is sorted out on the control thread. */
    void connectionChanged(ConnectionState state) {
        boolean nowConnected = state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED;
        if (fence != null && (state == ConnectionState.LOST || nowConnected && Znodes.sessionId(client) != fenceSession)) {
            // the term ended with its session: no sending from here on, even though the control thread (busy, on a
            // loaded machine) ends the term only later, and Curator may report RECONNECTED in a new session before then
            leaseUntil.set(nanos.getAsLong());
        }
        connected = nowConnected;
        changed();
        onControl(() -> {
            if (fence == null) {
                return;
            }
            if (state == ConnectionState.LOST) {
                endTerm("the ZooKeeper session was lost");
            } else if (connected && Znodes.sessionId(client) != fenceSession) {
                endTerm("a new ZooKeeper session began");
            }
            changed();
        });
    }

    private void onControl(Runnable task) {
        try {
            control.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Not acting on a connection change: the cluster is stopping");
        }
    }

    /** Sets the connection state without an event (at start: Curator reports only changes). */
    void connected(boolean now) {
        connected = now;
        changed();
    }

    // ---- lease (control thread, about every T/6) ----

    /** Proves the lock node still exists in this session, extending the lease; notices a lapsed lease. */
    void renew() {
        String f = fence;
        long session = fenceSession;
        if (f != null && connected) {
            long before = nanos.getAsLong();
            try {
                client.checkExists().inBackground((c, e) -> {
                    if (!f.equals(fence)) {
                        return;
                    }
                    boolean ours = e.getResultCode() == KeeperException.Code.OK.intValue() && e.getStat() != null
                            && e.getStat().getEphemeralOwner() == session;
                    if (ours) {
                        extendLease(before);
                        changed();
                    } else if (e.getResultCode() == KeeperException.Code.OK.intValue()
                            || e.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                        onControl(() -> {
                            if (f.equals(fence)) {
                                endTerm("its alerting lock node " + f + " is gone");
                                changed();
                            }
                        });
                        lockLost.run();
                    }
                }).forPath(f);
            } catch (Exception e) {
                LOG.debug("Could not renew the alerting lease: {}", e.toString());
            }
        }
        changed();
    }

    /** How long this agent may send after it last proved it holds the lock (announced to the others while leading). */
    long leaseMillis() {
        return TimeUnit.NANOSECONDS.toMillis(leaseNanos);
    }

    /** The session timeout negotiated with the server (30 s while unknown). */
    long sessionTimeoutMillis() {
        return TimeUnit.NANOSECONDS.toMillis(sessionTimeoutNanos());
    }

    /** How long to wait before the next {@link #renew()}. */
    long renewIntervalNanos() {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(100), sessionTimeoutNanos() / 6);
    }

    private long sessionTimeoutNanos() {
        try {
            int ms = client.getZookeeperClient().getZooKeeper().getSessionTimeout();
            if (ms > 0) {
                return TimeUnit.MILLISECONDS.toNanos(ms);
            }
        } catch (Exception e) {
            // not connected yet
        }
        return TimeUnit.SECONDS.toNanos(30);
    }

    private void extendLease(long confirmedNanos) {
        long until = confirmedNanos + leaseNanos;
        leaseUntil.accumulateAndGet(until, (cur, next) -> next - cur > 0 ? next : cur);
    }

    // ---- answers ----

    /** Stops sending for good (the agent is closing). */
    void close() {
        closed = true;
        changed();
    }

    /** Tells the listeners when the answer changed. */
    void changed() {
        boolean now;
        synchronized (this) {
            now = isPermitted();
            if (now == lastAnswer) {
                return;
            }
            lastAnswer = now;
        }
        if (!now && fence != null && connected && !closed) {
            LOG.warn("Alerting lease lapsed (ZooKeeper did not confirm the lock in time); not sending until it does");
        }
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.error("A send-permission listener failed", e);
            }
        }
    }
}
