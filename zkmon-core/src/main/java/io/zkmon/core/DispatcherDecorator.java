package io.zkmon.core;

import io.zkmon.core.dispatch.Dispatcher;

/**
 * Wraps the dispatcher a monitor uses, or replaces it: to watch what it is asked, put a stage in front of it, or send
 * nowhere at all. Given to {@link ZkMonitor.Builder#decorateDispatcher}.
 *
 * <pre>{@code
 * ZkMonitor.builder()
 *         ...
 *         .decorateDispatcher((dispatcher, view) -> new ForwardingDispatcher(dispatcher) {
 *             @Override
 *             public void accept(Transition t) {
 *                 audit.record(t, view.summary());     // the view answers from the first call on
 *                 super.accept(t);
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>A decorator runs once, while {@link ZkMonitor.Builder#build()} runs, after everything else of the monitor is in
 * place: the view it gets answers at once (with the dispatcher given until the decorator returns, then with the one it
 * returned). From then on the monitor calls the returned dispatcher, and only it, for everything, {@code start()} and
 * {@code close()} included. A wrapper therefore passes on whatever it does not handle itself; {@link ForwardingDispatcher} passes on
 * every method, so a wrapper overrides only what it changes. A decorator that replaces the dispatcher may drop the one
 * it was given: that one is never started (so it never reads shared state nor sends), and when the monitor closes, it
 * closes the returned dispatcher and then its default one (whose {@code close()} does nothing the second time).
 *
 * <p>The returned dispatcher's {@code status()} and {@code generation()} are what the view reports for the
 * dispatcher, so they must not ask the view for them.
 */
@FunctionalInterface
public interface DispatcherDecorator {

    /**
     * Wraps or replaces a dispatcher.
     *
     * @param dispatcher the dispatcher the monitor would use: its default one, or what the decorator added before
     *                   this one returned
     * @param view       the monitor being built, read-only
     * @return the dispatcher the monitor will use (not null)
     */
    Dispatcher decorate(Dispatcher dispatcher, MonitorView view);
}
