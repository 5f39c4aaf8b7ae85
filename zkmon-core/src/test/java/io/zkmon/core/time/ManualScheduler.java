package io.zkmon.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A scheduler whose clock moves only when a test says so; due tasks run on the test's thread. */
public final class ManualScheduler implements Scheduler {

    private record Job(Instant due, long seq, Runnable task, boolean[] cancelled) {
    }

    private final PriorityQueue<Job> queue = new PriorityQueue<>((a, b) -> {
        int c = a.due.compareTo(b.due);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private Instant now;
    private long seq;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    public ManualScheduler() {
        this(Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Task schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Job(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs every task due now (and tasks they schedule for now). */
    public void runDue() {
        while (true) {
            Job job;
            synchronized (this) {
                job = queue.peek();
                if (job == null || job.due.isAfter(now)) {
                    return;
                }
                queue.poll();
            }
            if (!job.cancelled[0]) {
                job.task.run();
            }
        }
    }

    /** Moves the clock forward step by step, running tasks as they fall due. */
    public void advance(Duration d) {
        Instant end;
        synchronized (this) {
            end = now.plus(d);
        }
        while (true) {
            runDue();
            synchronized (this) {
                Job next = queue.peek();
                if (next == null || next.due.isAfter(end)) {
                    now = end;
                    break;
                }
                now = next.due;
            }
        }
        runDue();
    }

    @Override
    public void close() {
    }
}
