package io.zkmon.core;

import io.zkmon.core.alert.AlerterDefinition;
import io.zkmon.core.dispatch.Dispatcher;
import io.zkmon.core.dispatch.DispatcherStatus;
import io.zkmon.core.dispatch.SelfCondition;
import io.zkmon.core.spec.Transition;
import java.util.Map;
import java.util.Objects;

/**
 * A dispatcher that passes every call on to another: the base of a wrapper made with a {@link DispatcherDecorator},
 * which overrides only what it changes. Without it, a wrapper that forgets a method with a default (say
 * {@link Dispatcher#start()}, {@link Dispatcher#primed()} or {@link Dispatcher#alertersChanged}) silently cuts the
 * dispatcher off from it.
 */
public abstract class ForwardingDispatcher implements Dispatcher {

    private final Dispatcher delegate;

    /** Passes every call on to {@code delegate}. */
    protected ForwardingDispatcher(Dispatcher delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The dispatcher calls are passed on to. */
    protected final Dispatcher delegate() {
        return delegate;
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void accept(Transition transition) {
        delegate.accept(transition);
    }

    @Override
    public void pathRemoved(String path, String reason) {
        delegate.pathRemoved(path, reason);
    }

    @Override
    public void alertersChanged(Map<String, AlerterDefinition> alerters) {
        delegate.alertersChanged(alerters);
    }

    @Override
    public void selfCondition(SelfCondition condition) {
        delegate.selfCondition(condition);
    }

    @Override
    public void primed() {
        delegate.primed();
    }

    @Override
    public long generation() {
        return delegate.generation();
    }

    @Override
    public DispatcherStatus status() {
        return delegate.status();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
