package io.zkmon.core.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher retries a notification an alerter could not deliver: exponential backoff from
 * {@code initialDelay}, doubling up to {@code maxDelay}, until {@code maxAttempts} or {@code window} (counted from
 * the first attempt) is used up. A delivery given up is logged, counted and shown in status, never dropped silently.
 *
 * @param initialDelay delay before the first retry
 * @param maxDelay     the longest delay between two attempts
 * @param maxAttempts  attempts in all, the first included
 * @param window       give up when the next attempt would start later than this after the first
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts, Duration window) {

    /** 1 s doubling to 1 min, up to 20 attempts within 15 min. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 20, Duration.ofMinutes(15));

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(window, "window");
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0 || maxAttempts < 1 || window.isNegative()) {
            throw new IllegalArgumentException("retry: need 0 < initial_delay <= max_delay, max_attempts >= 1, window >= 0");
        }
    }

    /**
     * The delay before attempt number {@code attempt + 1}, or null when no more attempts are allowed.
     *
     * @param attempt        attempts made so far (at least 1)
     * @param sinceFirstTry  time since the first attempt started
     */
    public Duration nextDelay(int attempt, Duration sinceFirstTry) {
        if (attempt >= maxAttempts) {
            return null;
        }
        long millis = initialDelay.toMillis();
        for (int i = 1; i < attempt && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        Duration delay = Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
        if (sinceFirstTry.plus(delay).compareTo(window) > 0) {
            return null;
        }
        return delay;
    }
}
