package io.zkmon.core.dispatch;

import io.zkmon.core.spec.Transition;
import io.zkmon.core.alert.AlerterDefinition;
import java.util.Map;

/**
 * Receives every compliance transition and decides what to send to whom: grace periods, deduplication,
 * recovery notices, repeats, silences and retries. The monitor's default dispatcher implements the documented
 * semantics (README, "What gets sent, and when"); embedding users may wrap or replace it.
 *
 * <p>Lifecycle: building a dispatcher does no work; {@link #start()} registers listeners and looks at the send
 * permission for the first time; {@link #close()} stops it. {@link #accept} is called on the watch engine's thread
 * and must return quickly (queue, never block).
 */
public interface Dispatcher extends AutoCloseable {

    /**
     * Starts the dispatcher: registers its listeners (send permission, silences) and asks whether this agent may send.
     * The monitor calls it once, when it starts and before the first transition. Calling it again does nothing. The
     * default does nothing, for dispatchers that need no start; a dispatcher that wraps another must pass it on.
     */
    default void start() {
    }

    /** Handles one transition. Must not block. */
    void accept(Transition transition);

    /**
     * A path stopped being watched (a glob match was deleted, or a reload dropped it). An alert that went out for it
     * should be resolved.
     *
     * @param path   the path
     * @param reason why, for the notification
     */
    default void pathRemoved(String path, String reason) {
    }

    /** The alerters changed (config reload): ids referenced by specs resolve to these from now on. */
    default void alertersChanged(Map<String, AlerterDefinition> alerters) {
    }

    /**
     * A condition of this agent itself started, changed or cleared (see {@link SelfCondition}): the monitor's self-watch
     * calls it on its own thread. Must not block. The default ignores it, for dispatchers that send path alerts only.
     */
    default void selfCondition(SelfCondition condition) {
    }

    /** Every path has been read (again): paths known only from shared state can now be judged. */
    default void primed() {
    }

    /** A number that changes whenever {@link #status()} would answer differently (0 if unknown: never cache). */
    default long generation() {
        return 0;
    }

    /** A snapshot for status pages and metrics. */
    DispatcherStatus status();

    /** Stops timers and deliveries; waits a bounded time for deliveries in flight. */
    @Override
    void close();
}
