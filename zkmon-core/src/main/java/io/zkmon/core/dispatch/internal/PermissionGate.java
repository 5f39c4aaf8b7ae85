package io.zkmon.core.dispatch.internal;

import io.zkmon.core.dispatch.SendPermission;
import io.zkmon.core.time.Scheduler;
import java.time.Instant;

/**
 * Whether this agent sends: the only place the dispatcher asks {@link SendPermission}. It is asked
 * <ul>
 *   <li>once per decision, in {@link #admit}: the dispatcher's own view must say "sending" and the permission must
 *       still agree; when it does not, the view is behind (the listener's task is queued, or nobody told us), so a
 *       {@link #resync} is queued and the decision held until then;</li>
 *   <li>on the delivery thread right before each send, in {@link #maySend}: a leader that froze (a GC pause, a
 *       suspended VM) must not wake up and send what it had queued;</li>
 *   <li>when told it may have changed, in {@link #refresh}.</li>
 * </ul>
 * The cached view, {@link #holds()}, decides whether state is written and lanes are pumped: the
 * {@link io.zkmon.core.dispatch.AlertStateStore} is written only while this agent sends.
 *
 * <p>A condition of this agent itself ({@link Tracked#local}, see {@link SelfConditions}) has its own rule: this agent
 * sends it whether or not it leads (a blind agent cannot lead), its firing only while the condition says it may (no
 * sender: only the next in line), its recovery always.
 */
final class PermissionGate implements Gate {

    private final SendPermission permission;
    private final Scheduler scheduler;
    private Runnable resync = () -> { };
    private boolean holding;             // dispatcher thread
    private volatile boolean alerting;   // the same, for status readers

    PermissionGate(SendPermission permission, Scheduler scheduler) {
        this.permission = permission;
        this.scheduler = scheduler;
    }

    /**
     * Registers with the permission and queues the first look: {@code onChange} runs on the dispatcher thread
     * whenever the answer may have changed, and must call {@link #refresh}.
     */
    void start(Runnable onChange) {
        this.resync = () -> scheduler.execute(onChange);
        permission.addListener(resync);
        resync.run();
    }

    /** Asks again (dispatcher thread); true when the answer changed. */
    boolean refresh() {
        boolean now = permission.isPermitted();
        if (now == holding) {
            return false;
        }
        holding = now;
        alerting = now;
        return true;
    }

    /** The dispatcher's view (dispatcher thread): this agent sends, as of the last {@link #refresh}. */
    boolean holds() {
        return holding;
    }

    /** The same view for other threads (status). */
    boolean alerting() {
        return alerting;
    }

    /** Queues a {@link #refresh} (through the dispatcher's handler), as a permission listener would. */
    void resync() {
        resync.run();
    }

    @Override
    public Hold admit(Tracked path, Decision decision, Instant now) {
        if (path.local) {
            // this agent's own condition: sent on its own rule, leader or not; the recovery of what went out always
            return decision == Decision.RESOLVE || path.mayFire ? null : Hold.UNTIL_TOLD;
        }
        if (!holding) {
            return Hold.UNTIL_TOLD;
        }
        if (!permission.isPermitted()) {
            resync();
            return Hold.UNTIL_TOLD;
        }
        return null;
    }

    /** Whether a path's lanes are pumped and its state written here: while this agent sends, or always for its own conditions. */
    boolean holds(Tracked path) {
        return path.local || holding;
    }

    /** On the delivery thread, right before a send: a path's only while the permission agrees; this agent's own condition always. */
    boolean maySend(Tracked path) {
        return path.local || permission.isPermitted();
    }
}
