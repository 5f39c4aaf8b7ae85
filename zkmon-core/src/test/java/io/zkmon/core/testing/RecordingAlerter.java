package io.zkmon.core.testing;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.Notification;
import io.zkmon.core.alert.SendResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * An alerter that records what it is sent, for tests. In YAML, {@code alerter: {recording: NAME}} sends to the
 * recorder {@link #named(String) named} NAME (shared by every monitor in the JVM, so several agents can share one).
 * It can be told to fail, to prove retries and isolation.
 */
public final class RecordingAlerter implements Alerter {

    private static final Map<String, RecordingAlerter> BY_NAME = new ConcurrentHashMap<>();

    private final String name;
    private final List<Notification> received = new ArrayList<>();
    private final Deque<SendResult> scripted = new ArrayDeque<>();
    private volatile Duration delay = Duration.ZERO;
    private int attempts;

    private RecordingAlerter(String name) {
        this.name = name;
    }

    /** The recorder with this name, created on first use. */
    public static RecordingAlerter named(String name) {
        return BY_NAME.computeIfAbsent(name, RecordingAlerter::new);
    }

    /** A new recorder with this name, replacing any before (use at the start of a test). */
    public static RecordingAlerter fresh(String name) {
        RecordingAlerter r = new RecordingAlerter(name);
        BY_NAME.put(name, r);
        return r;
    }

    public String name() {
        return name;
    }

    @Override
    public SendResult send(Notification n) {
        Duration d = delay;
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SendResult.retryable("interrupted");
            }
        }
        synchronized (this) {
            attempts++;
            SendResult r = scripted.poll();
            if (r != null && !r.isSent()) {
                notifyAll();
                return r;
            }
            received.add(n);
            notifyAll();
            return SendResult.sent();
        }
    }

    /** The next {@code times} sends fail with this result (e.g. {@link SendResult#retryable}). */
    public synchronized RecordingAlerter failNext(int times, SendResult result) {
        for (int i = 0; i < times; i++) {
            scripted.add(result);
        }
        return this;
    }

    /** Every send waits this long first (to prove a slow alerter blocks nothing else). */
    public RecordingAlerter delay(Duration d) {
        this.delay = d;
        return this;
    }

    /** Send attempts so far, failed ones included. */
    public synchronized int attempts() {
        return attempts;
    }

    /** Every notification delivered so far, in order. */
    public synchronized List<Notification> notifications() {
        return List.copyOf(received);
    }

    /** Delivered notifications for one path, in order. */
    public synchronized List<Notification> notifications(String path) {
        return received.stream().filter(n -> n.path().equals(path)).toList();
    }

    /** Forgets everything received and scripted. */
    public synchronized void clear() {
        received.clear();
        scripted.clear();
        attempts = 0;
    }

    /**
     * Waits for a delivered notification matching a predicate.
     *
     * @return the first match
     * @throws AssertionError naming what was received instead, when none arrives in time
     */
    public Notification await(Predicate<Notification> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (Notification n : received) {
                    if (match.test(n)) {
                        return n;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeout + " on recorder '" + name + "'; received: " + summary());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits for a firing notification for a path. */
    public Notification awaitFiring(String path, Duration timeout) throws InterruptedException {
        return await(n -> n.path().equals(path) && n.firing(), timeout, "firing notification for " + path);
    }

    /** Waits for a resolved notification for a path. */
    public Notification awaitResolved(String path, Duration timeout) throws InterruptedException {
        return await(n -> n.path().equals(path) && !n.firing(), timeout, "resolved notification for " + path);
    }

    /** Waits until at least {@code count} notifications were delivered. */
    public void awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (received.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " notifications within " + timeout + " on '" + name + "', got "
                            + received.size() + ": " + summary());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Asserts that nothing more is delivered during a period (this waits the whole period).
     *
     * @throws AssertionError naming what arrived
     */
    public void assertNothingWithin(Duration period) throws InterruptedException {
        int before;
        synchronized (this) {
            before = received.size();
        }
        long deadline = System.nanoTime() + period.toNanos();
        synchronized (this) {
            while (true) {
                if (received.size() > before) {
                    throw new AssertionError("expected no notification for " + period + " on '" + name + "', got: "
                            + summary(received.subList(before, received.size())));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private String summary() {
        return summary(received);
    }

    private static String summary(List<Notification> list) {
        List<String> out = new ArrayList<>();
        for (Notification n : list) {
            out.add(n.kind() + " " + n.path() + (n.repeat() ? " (repeat)" : "") + ": " + n.message());
        }
        return out.isEmpty() ? "nothing" : out.toString();
    }

    /** Provider of type {@code recording}: {@code recording: NAME} or {@code recording: {name: NAME}}. */
    public static final class Provider implements AlerterProvider {
        @Override
        public String type() {
            return "recording";
        }

        @Override
        public Alerter create(AlerterSettings settings) {
            String name = settings.isScalar() ? settings.values().get(0) : settings.string("name", "default");
            return named(name);
        }
    }
}
