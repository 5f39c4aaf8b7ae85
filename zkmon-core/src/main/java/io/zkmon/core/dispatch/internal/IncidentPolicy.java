package io.zkmon.core.dispatch.internal;

import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.Durations;
import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per path, what is due:
 * <ul>
 *   <li>out of spec: wait the spec's {@code cancel_timeout}; back in spec meanwhile sends nothing; every new dip
 *       restarts the wait;</li>
 *   <li>after the wait: one firing notification to each of the path's alerters (one dedup key per incident), then
 *       nothing more while it stays out of spec, except every {@code repeat_interval} when set, and the refreshes that
 *       alerters with a {@link io.zkmon.core.alert.Alerter#refreshInterval()} need;</li>
 *   <li>back in spec after a firing went out: one resolved notification; before: nothing;</li>
 *   <li>{@code UNKNOWN} never notifies; a wait that ends while unknown waits for a known state.</li>
 * </ul>
 * Every decision passes the {@link Gate}s once; what passes goes to the next stage (the outbox, then delivery).
 * Dispatcher thread only.
 */
final class IncidentPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentPolicy.class);

    /** Where notifications that passed the gates go: the outbox, then delivery. */
    @FunctionalInterface
    interface Next {
        void send(Tracked path, Notification n, List<String> alerterIds);
    }

    private final Scheduler scheduler;
    private final Gate gate;
    private final Outbox outbox;
    private final NotificationFactory notifications;
    private final Supplier<Map<String, AlerterDefinition>> alerters;
    private final StatusView status;
    private final Next next;
    private volatile boolean closed;

    IncidentPolicy(Scheduler scheduler, Gate gate, Outbox outbox, NotificationFactory notifications,
                   Supplier<Map<String, AlerterDefinition>> alerters, StatusView status, Next next) {
        this.scheduler = scheduler;
        this.gate = gate;
        this.outbox = outbox;
        this.notifications = notifications;
        this.alerters = alerters;
        this.status = status;
        this.next = next;
    }

    /** A compliance transition of a path. */
    void onTransition(Tracked tr, Transition t) {
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
                    outbox.update(tr, s.withoutIncident());
                }
            }
            default -> {
                // UNKNOWN: no information. Timers keep running; check() waits for a known state.
            }
        }
        status.publish(tr, scheduler.now());
    }

    /** The path is no longer watched: an alert that went out is resolved with {@code reason}. */
    void removed(Tracked tr, String reason) {
        if (tr.state.notified()) {
            resolve(tr, reason);
        } else {
            tr.cancelTimer();
            outbox.update(tr, tr.state.withoutIncident());
        }
        tr.current = null;
        status.publish(tr, scheduler.now());
    }

    /** After a takeover: act on the difference between the stored state and what is observed now. */
    void reconcile(Tracked tr) {
        Compliance c = tr.current;
        if (c == null || tr.spec == null) {
            return;
        }
        if (c.state() == State.OK) {
            if (tr.state.notified()) {
                resolve(tr, c.message());
            } else if (tr.state.incidentStart() != null) {
                outbox.update(tr, tr.state.withoutIncident());
            }
        } else if (c.state() == State.ERROR) {
            if (tr.state.incidentStart() == null) {
                outbox.update(tr, tr.state.withIncident(scheduler.now()));
            }
            check(tr);
            if (tr.state.notified() && tr.refreshTimer == null) {
                scheduleRefresh(tr);
            }
        }
    }

    /** Something a gate depends on changed (silences): decide again for every open incident. */
    void recheck(Iterable<Tracked> paths) {
        for (Tracked tr : paths) {
            if (tr.state.incidentStart() != null) {
                check(tr);
                status.publish(tr, scheduler.now());
            }
        }
    }

    /** This agent stopped sending: no more refreshes from here. */
    void standBy(Tracked tr) {
        tr.cancelRefresh();
    }

    /** The path's state is being dropped. */
    void stop(Tracked tr) {
        tr.cancelTimer();
        tr.cancelRefresh();
    }

    /** Decides nothing more on timers. */
    void close() {
        closed = true;
    }

    private void startIncident(Tracked tr, Transition t) {
        tr.added.clear();
        tr.removed.clear();
        tr.accumulate(t.added(), t.removed());
        outbox.update(tr, tr.state.withIncident(t.at()));
        if (!tr.spec.alerters().isEmpty()) {
            LOG.info("{} out of spec: {}; alerting in {} unless it recovers", tr.path, t.current().message(),
                    Durations.format(tr.spec.cancelTimeout()));
        }
    }

    /** Fires, or schedules, whatever is due for a path that is out of spec. */
    void check(Tracked tr) {
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
        Gate.Hold hold = gate.admit(tr, repeat ? Gate.Decision.REPEAT : Gate.Decision.FIRE, now);
        tr.silencedUntil = hold == null ? null : hold.until();
        if (hold == null) {
            fire(tr, repeat, now);
        } else if (hold.until() != null) {
            schedule(tr, hold.until());
        }
        // held until told: the takeover decides again when this agent may send
    }

    private void schedule(Tracked tr, Instant when) {
        tr.timer = scheduler.schedule(Duration.between(scheduler.now(), when), () -> {
            tr.timer = null;
            check(tr);
            status.publish(tr, scheduler.now());
        });
    }

    private void fire(Tracked tr, boolean repeat, Instant now) {
        AlertState s = tr.state;
        String dedupKey = s.dedupKey() != null ? s.dedupKey() : notifications.dedupKey(tr.path, s.incidentStart());
        Notification n = notifications.create(Notification.Kind.FIRING, tr, tr.current.message(), s.incidentStart(), dedupKey, now, repeat);
        Instant nextRepeat = tr.spec.repeatInterval().isZero() ? null : now.plus(tr.spec.repeatInterval());
        tr.state = s.withNotified(repeat ? s.notifiedAt() : now, dedupKey, nextRepeat);
        LOG.info("{} {}: {}", repeat ? "Repeating alert for" : "Alerting for", tr.path, n.message());
        next.send(tr, n, tr.spec.alerters());
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
            Duration d = refreshInterval(id);
            if (!d.isZero() && (every.isZero() || d.compareTo(every) < 0)) {
                every = d;
            }
        }
        if (every.isZero()) {
            return;
        }
        tr.refreshTimer = scheduler.schedule(every, () -> {
            tr.refreshTimer = null;
            Instant now = scheduler.now();
            if (!tr.state.notified() || tr.current == null || tr.current.state() != State.ERROR || closed
                    || gate.admit(tr, Gate.Decision.REFRESH, now) != null) {
                return;
            }
            List<String> targets = new ArrayList<>();
            for (String id : tr.spec.alerters()) {
                if (!refreshInterval(id).isZero() && !outbox.hasQueued(tr, id)) {
                    targets.add(id);
                }
            }
            if (!targets.isEmpty()) {
                AlertState s = tr.state;
                next.send(tr, notifications.create(Notification.Kind.FIRING, tr, tr.current.message(), s.incidentStart(), s.dedupKey(),
                        now, true), targets);
            }
            scheduleRefresh(tr);
        });
    }

    private Duration refreshInterval(String alerterId) {
        AlerterDefinition def = alerters.get().get(alerterId);
        return def == null ? Duration.ZERO : def.alerter().refreshInterval();
    }

    /** Back in spec after a firing went out: the recovery, always (a silence does not mute it), if this agent sends. */
    private void resolve(Tracked tr, String message) {
        AlertState s = tr.state;
        tr.cancelTimer();
        tr.cancelRefresh();
        Instant now = scheduler.now();
        Notification n = notifications.create(Notification.Kind.RESOLVED, tr, message, s.incidentStart(), s.dedupKey(), now, false);
        tr.state = s.withoutIncident();
        tr.added.clear();
        tr.removed.clear();
        LOG.info("{} back in spec: sending recovery", tr.path);
        if (gate.admit(tr, Gate.Decision.RESOLVE, now) == null) {
            next.send(tr, n, tr.spec.alerters());
        }
    }
}
