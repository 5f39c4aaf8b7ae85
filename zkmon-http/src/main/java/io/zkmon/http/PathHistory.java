package io.zkmon.http;

import io.zkmon.core.spec.Transition;
import io.zkmon.core.spec.State;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last few state changes of one path, and how many it had into each state. Starts small and grows to its
 * capacity, so a path that changed once costs a couple of hundred bytes.
 */
final class PathHistory {

    /**
     * One state change.
     *
     * @param atMillis   when, epoch ms
     * @param from       the state before
     * @param to         the state after
     * @param message    the compliance message after
     * @param childCount children after
     */
    record Entry(long atMillis, State from, State to, String message, int childCount) {
    }

    private static final int INITIAL = 2;

    private final int capacity;
    private final long[] counts = new long[State.values().length];
    private Entry[] ring;
    private int start;
    private int size;

    PathHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.ring = new Entry[Math.min(INITIAL, capacity)];
    }

    synchronized void record(Transition t) {
        counts[t.state().ordinal()]++;
        Entry e = new Entry(t.at().toEpochMilli(), t.previous().state(), t.state(), t.current().message(), t.childCount());
        if (size < ring.length) {
            ring[(start + size++) % ring.length] = e;
        } else if (ring.length < capacity) {
            // never wrapped before reaching capacity, so the order is already oldest first
            ring = Arrays.copyOf(ring, Math.min(capacity, ring.length * 2));
            ring[size++] = e;
        } else {
            ring[start] = e;
            start = (start + 1) % ring.length;
        }
    }

    /** The kept entries, oldest first. */
    synchronized List<Entry> recent() {
        List<Entry> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(ring[(start + i) % ring.length]);
        }
        return out;
    }

    /** How many changes into a state since the history began. */
    synchronized long count(State to) {
        return counts[to.ordinal()];
    }
}
