package io.zkmon.bench;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * What an implementation under test reports: the child count of each path. After priming, every change is written
 * to stdout as {@code C <index> <count> <nanoTime>} by a separate thread, so printing never delays the
 * implementation's own threads; {@code System.nanoTime} is the machine's monotonic clock, comparable across JVMs.
 */
final class Reporter {

    private final AtomicIntegerArray counts;
    private volatile boolean live;
    private final long[] ring = new long[1 << 20];
    private final long[] times = new long[1 << 20];
    private long head;
    private volatile long published;
    private final Thread printer;

    Reporter(int n, PrintStream out) {
        this.counts = new AtomicIntegerArray(n);
        this.printer = new Thread(() -> print(out), "reporter");
        printer.setDaemon(true);
        printer.start();
    }

    /** Records a count; called by the implementation on its own thread. */
    void count(int index, int count) {
        long now = System.nanoTime();
        counts.set(index, count);
        if (live) {
            synchronized (this) {
                int slot = (int) (head & (ring.length - 1));
                ring[slot] = ((long) index << 32) | (count & 0xffffffffL);
                times[slot] = now;
                head++;
                published = head;
            }
            LockSupport.unpark(printer);
        }
    }

    int get(int index) {
        return counts.get(index);
    }

    int size() {
        return counts.length();
    }

    /** From now on, print every change. */
    void goLive() {
        live = true;
    }

    private void print(PrintStream out) {
        long next = 0;
        StringBuilder sb = new StringBuilder();
        while (true) {
            long upTo = published;
            if (next == upTo) {
                out.flush();
                LockSupport.parkNanos(200_000);
                continue;
            }
            while (next < upTo) {
                int slot = (int) (next & (ring.length - 1));
                long v;
                long t;
                synchronized (this) {
                    v = ring[slot];
                    t = times[slot];
                }
                sb.setLength(0);
                sb.append("C ").append(v >>> 32).append(' ').append((int) v).append(' ').append(t);
                out.println(sb);
                next++;
            }
            out.flush();
        }
    }
}
