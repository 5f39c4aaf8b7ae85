package io.zkmon.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A path's child count over the last {@link #WINDOW_MINUTES} minutes, one bucket per minute in which it changed:
 * the lowest and highest count during the minute and the count at its end, so that a dip shorter than a minute still
 * shows on a chart. Minutes without a change cost nothing (the count carried on).
 *
 * <p>Bounded twice: a series keeps at most one bucket per minute of the window, and it grows only while a budget
 * shared by every series of a server has points left; once the budget is spent, a full series overwrites its oldest
 * bucket instead of growing, so it covers a shorter time rather than costing more memory. Not thread-safe: its owner
 * locks.
 */
final class CountSeries {

    /** The time covered, in minutes. */
    static final int WINDOW_MINUTES = 180;

    static final long MINUTE_MS = 60_000;

    private static final int STRIDE = 4; // minute, min, max, last
    private static final int INITIAL = 4;

    /**
     * One minute of the series.
     *
     * @param atMillis start of the minute, epoch ms
     * @param min      the lowest count during the minute (including the count carried in)
     * @param max      the highest count during the minute
     * @param last     the count at the end of the minute (or now)
     */
    record Point(long atMillis, int min, int max, int last) {
    }

    private final AtomicLong budget;
    private int[] data = new int[INITIAL * STRIDE];
    private int start;
    private int size;
    private int before;
    private long beforeMinute;

    /**
     * @param initial   the count before the first change
     * @param atMillis  since when that count is known
     * @param budget    points left to every series of the server; taken from when a series grows
     */
    CountSeries(int initial, long atMillis, AtomicLong budget) {
        this.before = initial;
        this.beforeMinute = minute(atMillis);
        this.budget = budget;
        budget.addAndGet(-INITIAL);
    }

    static long minute(long millis) {
        return Math.floorDiv(millis, MINUTE_MS);
    }

    /** Records the count seen at a time (never earlier than the previous record). */
    void record(long atMillis, int count) {
        long m = minute(atMillis);
        dropOlderThan(m - WINDOW_MINUTES + 1);
        if (size > 0 && minuteAt(size - 1) >= m) {
            int i = index(size - 1);
            data[i + 1] = Math.min(data[i + 1], count);
            data[i + 2] = Math.max(data[i + 2], count);
            data[i + 3] = count;
            return;
        }
        int carried = last();
        if (size == capacity() && !grow()) {
            dropOldest();
        }
        int i = index(size++);
        data[i] = (int) (m - beforeMinute); // minutes since the series began: fits an int for 4,000 years
        data[i + 1] = Math.min(carried, count);
        data[i + 2] = Math.max(carried, count);
        data[i + 3] = count;
    }

    /** The count after the last record. */
    int last() {
        return size == 0 ? before : data[index(size - 1) + 3];
    }

    /** The buckets still inside the window that ends at {@code nowMillis}, oldest first. */
    List<Point> points(long nowMillis) {
        long from = minute(nowMillis) - WINDOW_MINUTES + 1;
        List<Point> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            long m = minuteAt(k);
            if (m >= from) {
                int i = index(k);
                out.add(new Point(m * MINUTE_MS, data[i + 1], data[i + 2], data[i + 3]));
            }
        }
        return out;
    }

    /** The count at the start of the window that ends at {@code nowMillis} (before its first bucket). */
    int countBefore(long nowMillis) {
        long from = minute(nowMillis) - WINDOW_MINUTES + 1;
        int c = before;
        for (int k = 0; k < size && minuteAt(k) < from; k++) {
            c = data[index(k) + 3];
        }
        return c;
    }

    /** Since when the series knows the count: the earliest minute it can draw. */
    long knownSinceMillis() {
        return beforeMinute * MINUTE_MS;
    }

    /** Buckets held (the memory it costs, in points). */
    int capacity() {
        return data.length / STRIDE;
    }

    /** Gives its points back to the budget; the series must not be used afterwards. */
    void release() {
        budget.addAndGet(capacity());
        data = new int[0];
        size = 0;
        start = 0;
    }

    private long minuteAt(int k) {
        return beforeMinute + data[index(k)];
    }

    private int index(int k) {
        return ((start + k) % capacity()) * STRIDE;
    }

    private void dropOlderThan(long fromMinute) {
        while (size > 0 && minuteAt(0) < fromMinute) {
            dropOldest();
        }
    }

    private void dropOldest() {
        int i = index(0);
        before = data[i + 3];
        beforeMinute = beforeMinute + data[i]; // re-based below so minute offsets stay small
        int shift = data[i];
        start = (start + 1) % capacity();
        size--;
        for (int k = 0; k < size; k++) {
            data[index(k)] -= shift;
        }
    }

    private boolean grow() {
        int cap = capacity();
        int next = Math.min(WINDOW_MINUTES, cap * 2);
        if (next == cap || budget.addAndGet(-(next - cap)) < 0) {
            if (next != cap) {
                budget.addAndGet(next - cap);
            }
            return false;
        }
        int[] grown = new int[next * STRIDE];
        for (int k = 0; k < size; k++) {
            System.arraycopy(data, index(k), grown, k * STRIDE, STRIDE);
        }
        data = grown;
        start = 0;
        return true;
    }
}
