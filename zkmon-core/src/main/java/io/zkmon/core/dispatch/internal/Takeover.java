package io.zkmon.core.dispatch.internal;

import io.zkmon.core.dispatch.AlertState;
import io.zkmon.core.dispatch.SelfCondition;
import io.zkmon.core.time.Scheduler;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Becoming the sender and stopping being it. When this agent gains permission it loads the shared state (pending
 * grace periods, alerts sent, the outbox of the previous sender), forgets what it saw while standing by that the
 * previous sender never stored, and reconciles each path with what the engine sees now; paths no config watches any
 * more are forgotten once what is owed for them went out. When it loses permission it stops at once: what was not
 * confirmed stays in the shared outbox for the next sender. Conditions of this agent itself ({@link Tracked#local})
 * take no part: they are sent whether this agent leads or not, and are never in the shared state. Dispatcher thread
 * only.
 */
final class Takeover {

    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);

    private final Scheduler scheduler;
    private final PermissionGate permission;
    private final PathTable paths;
    private final Outbox outbox;
    private final IncidentPolicy policy;
    private final Delivery delivery;
    private final StatusView status;
    private final PathLookup lookup;

    Takeover(Scheduler scheduler, PermissionGate permission, PathTable paths, Outbox outbox, IncidentPolicy policy, Delivery delivery,
             StatusView status, PathLookup lookup) {
        this.scheduler = scheduler;
        this.permission = permission;
        this.paths = paths;
        this.outbox = outbox;
        this.policy = policy;
        this.delivery = delivery;
        this.status = status;
        this.lookup = lookup;
    }

    /** The permission may have changed: a listener, a send refused, the first look at start. */
    void permissionChanged() {
        if (!permission.refresh()) {
            return;
        }
        status.changed();
        if (!permission.holds()) {
            LOG.warn("This agent may no longer send alerts; standing by");
            paths.all().forEach(tr -> {
                if (!tr.local) { // this agent's own conditions go on: they never needed leadership
                    outbox.reset(tr);
                    policy.standBy(tr);
                }
            });
            return;
        }
        LOG.info("This agent now sends alerts; loading shared alert state");
        Map<String, AlertState> stored = new HashMap<>(outbox.loadShared());
        // a condition of an agent itself is never shared: no agent loads, resolves or repeats another's
        stored.keySet().removeIf(SelfCondition::isKey);
        for (AlertState s : stored.values()) {
            outbox.load(paths.track(s.path()), s);
        }
        for (Tracked tr : paths.snapshot()) {
            if (tr.local) {
                continue;
            }
            if (!stored.containsKey(tr.path)) {
                outbox.reset(tr);
                // seen while standing by; the old sender never stored it, so nothing went out for it
                tr.state = AlertState.clear(tr.path).withIncident(tr.state.incidentStart());
                if (!tr.state.isClear()) {
                    outbox.persist(tr);
                }
            }
            reconcile(tr);
        }
    }

    /** Every path has been read (again): paths known only from shared state can now be judged. */
    void primed() {
        if (permission.holds()) {
            for (Tracked tr : paths.snapshot()) {
                if (tr.current == null && !tr.local) {
                    reconcile(tr);
                }
            }
        }
    }

    private void reconcile(Tracked tr) {
        if (tr.current == null) {
            PathLookup.Observed seen = lookup.observe(tr.path);
            if (seen != null) {
                tr.spec = seen.spec();
                tr.current = seen.compliance();
                tr.childCount = seen.childCount();
            } else if (lookup.primed() && tr.spec == null) {
                forget(tr);
                return;
            }
        }
        policy.reconcile(tr);
        delivery.pump(tr);
        status.publish(tr, scheduler.now());
    }

    /** Shared state of a path no config watches any more: close what was opened, then drop it. */
    private void forget(Tracked tr) {
        if (tr.state.notified() && !tr.state.outbox().isEmpty() && outbox.owes(tr)) {
            delivery.pump(tr);
            return; // deliver what is owed first; the next reconcile forgets it
        }
        LOG.info("Forgetting alert state of {}: it is no longer watched", tr.path);
        policy.stop(tr);
        outbox.reset(tr);
        paths.remove(tr.path);
        status.remove(tr.path);
        outbox.forget(tr.path);
    }
}
