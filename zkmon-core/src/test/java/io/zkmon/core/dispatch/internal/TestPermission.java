package io.zkmon.core.dispatch.internal;

import io.zkmon.core.dispatch.SendPermission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A send permission the test sets, counting how often it is asked and telling listeners only when asked to. */
final class TestPermission implements SendPermission {
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    final AtomicInteger asked = new AtomicInteger();
    volatile boolean permitted;

    TestPermission(boolean permitted) {
        this.permitted = permitted;
    }

    @Override
    public boolean isPermitted() {
        asked.incrementAndGet();
        return permitted;
    }

    @Override
    public void addListener(Runnable onChange) {
        listeners.add(onChange);
    }

    /** Changes the answer and tells the listeners. */
    void set(boolean now) {
        permitted = now;
        listeners.forEach(Runnable::run);
    }
}
