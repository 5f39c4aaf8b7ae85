package io.zkmon.core.dispatch;

import io.zkmon.core.alert.Notification;
import java.time.Instant;

/**
 * A notification decided for one alerter and not yet confirmed delivered: the dispatcher's outbox entry.
 * Kept in {@link AlertState} so a new leader delivers what the old one could not.
 *
 * @param alerter      the alerter id
 * @param notification what to send
 * @param firstAttempt when the first attempt started, or null before it
 * @param attempts     attempts made so far
 */
public record PendingDelivery(String alerter, Notification notification, Instant firstAttempt, int attempts) {
}
