package io.zkmon.core;

import io.zkmon.core.SelfAlert.Kind;
import io.zkmon.core.dispatch.SelfCondition;
import io.zkmon.core.dispatch.SendPermission;
import io.zkmon.core.spec.Durations;
import io.zkmon.core.spec.Severity;
import io.zkmon.core.spec.State;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches zkmon itself: once a second it asks whether this agent can see, and hands each condition in which it
 * cannot to the dispatcher as a {@link SelfCondition} (which sends it as it sends a path alert, with
 * {@code blind_timeout} as the grace period), and to readers as {@link SelfAlert}s. The conditions:
 * <ul>
 *   <li>{@link Kind#BLIND}: not connected to ZooKeeper (or never was since start). Each agent judges and sends its
 *       own, without leadership, which it cannot hold while blind; so when all of ZooKeeper is gone, every agent
 *       sends one, naming itself.</li>
 *   <li>{@link Kind#NO_SENDER}: connected, in a cluster, and no live agent holds alerting (nobody holds the lock, or
 *       a candidate that is not a live agent does) while no old {@code zk_monitor} agent does either. Only the agent
 *       next in line ({@link ClusterView#nextInLine()}) sends it.</li>
 *   <li>{@link Kind#UNREADABLE_PATHS}: connected, and watched paths stay Unknown (no read permission, reads failing).
 *       One condition lists them with their reasons; the agent that sends alerts sends it, since its view is the one
 *       alerting depends on; the others show it.</li>
 * </ul>
 * Reads memory only (the engine's published state, the cluster's caches): no ZooKeeper, no blocking; its task runs
 * on the monitor's scheduler.
 */
final class SelfWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SelfWatch.class);

    /** How often the conditions are judged. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** A path Unknown for less than this while connected is being read, not unreadable. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** Paths named in the unreadable-paths message at most. */
    static final int MAX_LISTED = 10;

    /** What the self-watch reads of the watch engine. */
    interface Sight {
        boolean connected();

        /** Since when the engine is connected, or disconnected (since start when it never connected). */
        Instant connectionSince();

        /** How many paths are watched (cheap). */
        int paths();

        /** How many watched paths are Unknown now (cheap). */
        int unknownPaths();

        /** Every watched path (read only when some are Unknown). */
        List<PathStatus> statuses();
    }

    /** The settings in force, read at every look. */
    record Settings(Duration blindTimeout, List<String> alerters) {
    }

    /** One condition as last judged and handed on. */
    private static final class Watched {
        final Kind kind;
        final String key;
        boolean holds;
        Instant since;
        String message;
        boolean mayFire;
        boolean firing;
        SelfCondition sent;

        Watched(Kind kind, String key) {
            this.kind = kind;
            this.key = key;
        }
    }

    private final Scheduler scheduler;
    private final Sight sight;
    private final ClusterView cluster;
    private final SendPermission permission;
    private final String agent;
    private final String clusterName;
    private final Supplier<Settings> settings;
    private final Consumer<SelfCondition> dispatcher;
    private final Map<Kind, Watched> watched = new EnumMap<>(Kind.class);
    private final AtomicLong generation = new AtomicLong();
    /** What holds, as last judged; whether it fires is decided again when read (the dispatcher fires on its own timer). */
    private record Published(SelfAlert alert, boolean mayFire, Instant due) {
    }

    private volatile List<Published> published = List.of();
    private Scheduler.Task task;
    private boolean closed;

    /**
     * @param cluster    the cluster as this agent sees it, or null for an agent alone (it always sends)
     * @param permission whether this agent sends alerts now
     * @param dispatcher where conditions go (the monitor's dispatcher); called on the scheduler's thread
     */
    SelfWatch(Scheduler scheduler, Sight sight, ClusterView cluster, SendPermission permission, String agent, String clusterName,
              Supplier<Settings> settings, Consumer<SelfCondition> dispatcher) {
        this.scheduler = scheduler;
        this.sight = sight;
        this.cluster = cluster;
        this.permission = permission;
        this.agent = agent;
        this.clusterName = clusterName;
        this.settings = settings;
        this.dispatcher = dispatcher;
        watched.put(Kind.BLIND, new Watched(Kind.BLIND, SelfCondition.key("blind", agent)));
        watched.put(Kind.NO_SENDER, new Watched(Kind.NO_SENDER, SelfCondition.key("no-sender", agent)));
        watched.put(Kind.UNREADABLE_PATHS, new Watched(Kind.UNREADABLE_PATHS, SelfCondition.key("unreadable-paths", agent)));
    }

    /** Starts looking, once a second. */
    synchronized void start() {
        if (task == null && !closed) {
            task = scheduler.schedule(TICK, this::tick);
        }
    }

    /** Conditions that hold now, oldest first. Any thread. */
    List<SelfAlert> current() {
        List<Published> now = published;
        if (now.isEmpty()) {
            return List.of();
        }
        Instant t = scheduler.now();
        List<SelfAlert> out = new ArrayList<>(now.size());
        for (Published p : now) {
            SelfAlert a = p.alert();
            boolean firing = a.firing() || p.mayFire() && !t.isBefore(p.due());
            out.add(firing == a.firing() ? a : new SelfAlert(a.kind(), a.message(), a.since(), true));
        }
        return out;
    }

    /** Changes whenever {@link #current()} would answer differently. */
    long generation() {
        return generation.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (task != null) {
            task.cancel();
        }
    }

    private void tick() {
        synchronized (this) {
            if (closed) {
                return;
            }
            task = scheduler.schedule(TICK, this::tick);
        }
        try {
            look();
        } catch (RuntimeException e) {
            LOG.error("Could not judge whether zkmon can see (a bug in zkmon); trying again in {}", Durations.format(TICK), e);
        }
    }

    /** Judges every condition and hands on what changed. Scheduler thread. */
    void look() {
        Settings s = settings.get();
        Instant now = scheduler.now();
        if (s.blindTimeout().isZero()) {
            watched.values().forEach(w -> judge(w, false, now, "Self-alerts are turned off (settings.blind_timeout: 0)", false, s, now));
            publish(s);
            return;
        }
        boolean connected = sight.connected();
        Instant connectionSince = sight.connectionSince();
        judgeBlind(connected, connectionSince, now, s);
        if (connected) {
            judgeNoSender(now, s);
            judgeUnreadable(connectionSince, now, s);
        } else {
            // what cannot be seen is not judged: these keep their state, and are not sent from a blind agent
            hold(watched.get(Kind.NO_SENDER), s, now);
            hold(watched.get(Kind.UNREADABLE_PATHS), s, now);
        }
        publish(s);
    }

    private void judgeBlind(boolean connected, Instant since, Instant now, Settings s) {
        Watched w = watched.get(Kind.BLIND);
        if (!connected) {
            int paths = sight.paths();
            judge(w, true, since, "Not connected to ZooKeeper since " + since + ": this agent sees none of its " + paths
                    + " watched path(s) and cannot alert on them until it connects again", true, s, now);
        } else {
            String was = w.holds ? " (not connected since " + w.since + ", for " + Durations.format(Duration.between(w.since, since)) + ")" : "";
            judge(w, false, since, "Connected to ZooKeeper again since " + since + was, true, s, now);
        }
    }

    private void judgeNoSender(Instant now, Settings s) {
        Watched w = watched.get(Kind.NO_SENDER);
        if (cluster == null) {
            return; // alone: this agent always sends
        }
        String leader = cluster.leader();
        String legacy = cluster.legacySender();
        boolean live = leader != null && cluster.agents().stream().anyMatch(a -> a.name().equals(leader));
        if (legacy != null || live) {
            String who = legacy != null ? "zk_monitor agent " + legacy + " holds alerting" : "agent " + leader + " sends alerts";
            judge(w, false, now, "Cluster " + clusterName + " has a sender again: " + who, cluster.nextInLine(), s, now);
            return;
        }
        Instant since = w.holds ? w.since : now;
        String lock = leader == null ? "no agent holds alerting"
                : "the alerting lock is held by '" + leader + "', which is not a live agent (a stale or forged lock candidate?)";
        judge(w, true, since, "Cluster " + clusterName + " has no alert sender since " + since + ": " + lock
                + "; no path alert is sent until one does. Reported by " + agent + ", the agent next in line", cluster.nextInLine(), s, now);
    }

    private void judgeUnreadable(Instant connectionSince, Instant now, Settings s) {
        Watched w = watched.get(Kind.UNREADABLE_PATHS);
        List<PathStatus> unreadable = new ArrayList<>();
        Instant earliest = null;
        if (sight.unknownPaths() > 0) {
            for (PathStatus p : sight.statuses()) {
                if (p.state() == State.UNKNOWN) {
                    Instant since = max(p.since(), connectionSince);
                    if (!now.isBefore(since.plus(SETTLE))) {
                        unreadable.add(p);
                        earliest = earliest == null || since.isBefore(earliest) ? since : earliest;
                    }
                }
            }
        }
        boolean mayFire = permission.isPermitted();
        if (unreadable.isEmpty()) {
            judge(w, false, now, "Every watched path can be read again", mayFire, s, now);
            return;
        }
        StringBuilder m = new StringBuilder().append(unreadable.size()).append(" watched path(s) stay Unknown while connected to ZooKeeper,"
                + " so zkmon cannot tell whether they are in spec: ");
        boolean noAuth = false;
        for (int i = 0; i < unreadable.size(); i++) {
            PathStatus p = unreadable.get(i);
            noAuth |= p.message().contains("NOAUTH") || p.message().contains("NoAuth");
            if (i < MAX_LISTED) {
                m.append(i == 0 ? "" : "; ").append(p.path()).append(" (").append(p.message()).append(')');
            }
        }
        if (unreadable.size() > MAX_LISTED) {
            m.append("; and ").append(unreadable.size() - MAX_LISTED).append(" more");
        }
        m.append(noAuth ? ". ZooKeeper denies zkmon's user the read: check the paths' ACLs and zkmon's credentials"
                : ". Reads of them fail: see the log of agent " + agent);
        judge(w, true, w.holds ? w.since : earliest, m.toString(), mayFire, s, now);
    }

    /** Keeps a condition as it is, except that it may not fire (nothing is known now). */
    private void hold(Watched w, Settings s, Instant now) {
        if (w.holds) {
            judge(w, true, w.since, w.message, false, s, now);
        }
    }

    /** Records what a condition is now, and hands on what changed. */
    private void judge(Watched w, boolean holds, Instant since, String message, boolean mayFire, Settings s, Instant now) {
        if (!holds && !w.holds) {
            return;
        }
        if (holds && w.holds && !since.equals(w.since)) {
            // it cleared and came back between two looks (a reconnect that did not last): a new incident
            judge(w, false, since, "It cleared for a moment before " + since, mayFire, s, now);
        }
        boolean wasFiring = w.firing;
        w.holds = holds;
        w.since = since;
        w.message = message;
        w.mayFire = mayFire;
        w.firing = holds && (w.firing || mayFire && !now.isBefore(since.plus(s.blindTimeout())));
        if (w.firing && !wasFiring) {
            if (s.alerters().isEmpty()) {
                LOG.error("{} (zkmon cannot see): {}; no alerter to tell: set settings.self_alerters or give a path an alerter",
                        w.kind.alertName(), message);
            } else {
                LOG.warn("{} (zkmon cannot see): {}", w.kind.alertName(), message);
            }
        } else if (!holds && wasFiring) {
            LOG.info("{} is over: {}", w.kind.alertName(), message);
        }
        SelfCondition c = new SelfCondition(w.key, w.kind.alertName(), holds, message, since, mayFire, s.blindTimeout(), s.alerters(),
                w.kind == Kind.UNREADABLE_PATHS ? Severity.WARNING : Severity.CRITICAL);
        if (!c.equals(w.sent)) {
            w.sent = c;
            dispatcher.accept(c);
        }
    }

    private void publish(Settings s) {
        List<Published> now = new ArrayList<>();
        for (Watched w : watched.values()) {
            if (w.holds) {
                now.add(new Published(new SelfAlert(w.kind, w.message, w.since, w.firing), w.mayFire, w.since.plus(s.blindTimeout())));
            }
        }
        now.sort(Comparator.comparing(p -> p.alert().since()));
        if (!now.equals(published)) {
            published = List.copyOf(now);
            generation.incrementAndGet();
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public String toString() {
        return "SelfWatch[" + agent + " " + Objects.toString(published) + "]";
    }
}
