package io.zkmon.core.dispatch.internal;

import io.zkmon.core.dispatch.SelfCondition;
import io.zkmon.core.spec.Compliance;
import io.zkmon.core.spec.PathSpec;
import io.zkmon.core.spec.State;
import io.zkmon.core.spec.Transition;
import io.zkmon.core.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The entry of conditions of this agent itself ({@link SelfCondition}) into the pipeline: each becomes a path-like
 * {@link Tracked} under its key, marked {@link Tracked#local local}, and its changes become transitions that the
 * {@link IncidentPolicy} decides on exactly as it decides on a path's (grace period, one firing, one recovery,
 * refreshes). What differs is settled where it belongs, by the mark: the {@link PermissionGate} lets this agent send
 * it on the condition's own rule instead of leadership, the {@link Outbox} never writes it to the shared store, the
 * {@link SilenceGate} never holds it, and {@link Takeover} neither drops its lanes nor loads such keys from the shared
 * state. Dispatcher thread only.
 */
final class SelfConditions {

    /**
     * Where the policy finds a self-condition's grace period, alerters and severity: a spec whose path is never read
     * (the tracked key is the condition's own).
     */
    private static final String UNUSED_PATH = "/";

    private final PathTable paths;
    private final IncidentPolicy policy;
    private final StatusView status;
    private final Scheduler scheduler;

    SelfConditions(PathTable paths, IncidentPolicy policy, StatusView status, Scheduler scheduler) {
        this.paths = paths;
        this.policy = policy;
        this.status = status;
        this.scheduler = scheduler;
    }

    /** A condition started, changed (its message, alerters or whether it may fire) or cleared. */
    void accept(SelfCondition c) {
        Tracked tr = paths.get(c.key());
        if (tr == null) {
            if (!c.holds()) {
                return; // never seen holding: nothing to clear
            }
            tr = paths.track(c.key());
            tr.local = true;
        } else if (!tr.local) {
            throw new IllegalStateException("key " + c.key() + " is tracked as a path"); // keys never start with '/'
        }
        tr.alertName = c.alertName();
        boolean mayFireChanged = tr.mayFire != c.mayFire();
        tr.mayFire = c.mayFire();
        PathSpec spec = new PathSpec(UNUSED_PATH, List.of(), c.gracePeriod(), Duration.ZERO, c.alerters(), Map.of(), c.severity(), Map.of());
        Compliance previous = tr.current != null ? tr.current : Compliance.OK;
        Compliance current = c.holds() ? Compliance.error(c.message()) : new Compliance(State.OK, c.message());
        if (previous.equals(current) && spec.equals(tr.spec)) {
            if (mayFireChanged && c.holds()) {
                policy.check(tr); // held until told: told now
                status.publish(tr, scheduler.now());
            }
            return;
        }
        policy.onTransition(tr, new Transition(spec, previous, current, 0, List.of(), List.of(), c.since()));
    }
}
